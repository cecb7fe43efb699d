package org.provincial.reporting.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §1's submitters for every province of regions.csv: each city union and county union once, never a grouping
 * (省直辖县级行政区划, 自治区直辖县级行政区划). The counts per province were counted in regions.csv with awk.
 */
class ExpectedSubmittersTests {

    static final Set<String> GROUPING_NAMES = Set.of("省直辖县级行政区划", "自治区直辖县级行政区划");

    RegionReference regions = RegionReference.load();

    @ParameterizedTest(name = "{0} {1}: {2} expected submitters")
    @CsvSource({
            "110000, 北京市, 17", "120000, 天津市, 17", "130000, 河北省, 201", "140000, 山西省, 132",
            "150000, 内蒙古自治区, 120", "210000, 辽宁省, 114", "220000, 吉林省, 78", "230000, 黑龙江省, 139",
            "310000, 上海市, 17", "320000, 江苏省, 117", "330000, 浙江省, 101", "340000, 安徽省, 135",
            "350000, 福建省, 93", "360000, 江西省, 111", "370000, 山东省, 167", "410000, 河南省, 198",
            "420000, 湖北省, 118", "430000, 湖南省, 148", "440000, 广东省, 143", "450000, 广西壮族自治区, 125",
            "460000, 海南省, 30", "500000, 重庆市, 40", "510000, 四川省, 204", "520000, 贵州省, 97",
            "530000, 云南省, 145", "540000, 西藏自治区, 85", "610000, 陕西省, 117", "620000, 甘肃省, 102",
            "630000, 青海省, 53", "640000, 宁夏回族自治区, 27", "650000, 新疆维吾尔自治区, 122"})
    void expectsEveryCityAndCountyUnionOnceAndNoGrouping(String province, String name, int count) throws IOException {
        List<Region> expected = regions.expectedSubmitters(province);

        assertThat(regions.get(province).name()).isEqualTo(name);
        assertThat(expected).hasSize(count).doesNotHaveDuplicates();
        assertThat(expected).noneMatch(Region::isGrouping).noneMatch(r -> GROUPING_NAMES.contains(r.name()));
        assertThat(expected).extracting(Region::code).containsExactlyInAnyOrderElementsOf(unionsInTheCsv(province));
    }

    @Test
    void coversEveryProvinceOfTheReference() {
        List<Region> provinces = regions.all().stream().filter(r -> r.level() == RegionLevel.PROVINCE).toList();

        assertThat(provinces).hasSize(31);
        // 342 cities less the 4 groupings, and the 2975 counties
        assertThat(provinces.stream().mapToInt(p -> regions.expectedSubmitters(p.code()).size()).sum())
                .isEqualTo(342 - 4 + 2975);
    }

    @Test
    void knowsTheFourGroupingsAndNoOtherRegion() {
        assertThat(regions.all().stream().filter(Region::isGrouping).map(Region::code))
                .containsExactlyInAnyOrder("419000", "429000", "469000", "659000");
    }

    @Test
    void expectsAGroupingsCountiesUnderItsNameAndACityWithoutCountiesForItself() {
        assertThat(regions.expectedSubmitters("420000")).extracting(Region::code)
                .doesNotContain("429000").containsSubsequence("421300", "422800", "429004", "429005", "429006", "429021");
        assertThat(regions.expectedSubmitters("460000")).extracting(Region::code)
                .containsSubsequence("460100", "460200", "460300", "460400", "469001")
                .filteredOn(code -> code.startsWith("4690")).hasSize(15).doesNotContain("469000");
        assertThat(regions.expectedSubmitters("440000")).extracting(Region::code).contains("441900", "442000");
        assertThat(regions.childrenOf("441900")).isEmpty();
        assertThat(regions.expectedSubmitters("620000")).extracting(Region::code).contains("620200");
    }

    /**
     * Read straight from regions.csv: the cities of the province not named as a grouping, and the counties whose
     * parent is one of the province's cities (groupings included).
     */
    private static List<String> unionsInTheCsv(String province) throws IOException {
        try (InputStream in = ExpectedSubmittersTests.class.getClassLoader().getResourceAsStream(RegionReference.RESOURCE)) {
            List<String[]> rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .map(line -> line.split(",", -1)).toList();
            Map<String, String[]> byCode = rows.stream().collect(Collectors.toMap(r -> r[0], Function.identity()));
            return rows.stream().filter(r -> switch (r[2]) {
                case "city" -> r[3].equals(province) && !GROUPING_NAMES.contains(r[1]);
                case "county" -> byCode.get(r[3])[3].equals(province);
                default -> false;
            }).map(r -> r[0]).toList();
        }
    }
}
