package org.provincial.reporting.reference;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceTests {

    RegionReference regions = RegionReference.load();

    @Test
    void ordersAProvinceAsProvinceThenEachCityWithItsCounties() {
        List<Region> guangdong = regions.regionsOf("440000");
        assertThat(guangdong.get(0).name()).isEqualTo("广东省");
        assertThat(guangdong.get(1).code()).isEqualTo("440100");
        assertThat(guangdong.get(2).parentCode()).isEqualTo("440100");
        assertThat(guangdong).extracting(Region::provinceCode).containsOnly("440000");
    }

    @Test
    void knowsWhichRegionsLieWithinAnother() {
        assertThat(regions.isWithin("440103", "440100")).isTrue();
        assertThat(regions.isWithin("440103", "440000")).isTrue();
        assertThat(regions.isWithin("440103", "440103")).isTrue();
        assertThat(regions.isWithin("440203", "440100")).isFalse();
        assertThat(regions.find("440199")).isEmpty();
    }

    @Test
    void loadsEveryDatasetMappingWithItsAliasesAndCaps() throws Exception {
        DatasetMappings mappings = DatasetMappings.load(List.of(
                new PathMatchingResourcePatternResolver().getResources("classpath*:mappings/*.yaml")));
        assertThat(mappings.all()).extracting(DatasetMapping::dataset).containsExactlyElementsOf(DatasetMappings.DATASETS);
        DatasetMapping subsidies = mappings.get("subsidies");
        assertThat(subsidies.column("amount").orElseThrow().caps()).containsKey("innovation_studio");
        assertThat(mappings.get("visits").column("person_id").orElseThrow().acceptedHeaders())
                .contains("身份证号", "公民身份号码", "person_id");
        assertThat(mappings.get("visits").column("event").orElseThrow().required()).isFalse();
    }

    @Test
    void refusesAMisspelledKeyNamingTheFileTheKeyAndTheKeysItKnows(@TempDir Path directory) throws Exception {
        List<Resource> files = mappingsWith(directory, "subsidies.yaml", "    caps:\n", "    capps:\n");

        assertThatThrownBy(() -> DatasetMappings.load(files)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subsidies.yaml").hasMessageContaining("unknown key 'capps' in columns[4]")
                .hasMessageContaining("the keys known there are: aliases, capBy, caps, header, key, minimum, required,"
                        + " type, values, withinPeriod");
    }

    @Test
    void refusesATypeThatIsNoneOfTheKnownOnes(@TempDir Path directory) throws Exception {
        List<Resource> files = mappingsWith(directory, "welfare.yaml", "type: identifier", "type: identifer");

        assertThatThrownBy(() -> DatasetMappings.load(files)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("welfare.yaml").hasMessageContaining("columns[1].type: identifer")
                .hasMessageContaining("none of: region, resident_id, credit_code");
    }

    @Test
    void refusesANaturalKeyThatNamesNoColumn(@TempDir Path directory) throws Exception {
        List<Resource> files = mappingsWith(directory, "visits.yaml", "naturalKey: [person_id, visit_date, category]",
                "naturalKey: [person_id, visit_day, category]");

        assertThatThrownBy(() -> DatasetMappings.load(files)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("visits.yaml").hasMessageContaining("'visit_day' in naturalKey, which is no column");
    }

    @Test
    void refusesACapForAValueTheCapByColumnDoesNotList(@TempDir Path directory) throws Exception {
        List<Resource> files = mappingsWith(directory, "subsidies.yaml", "      innovation_studio: 500000.00",
                "      innovation_studios: 500000.00");

        assertThatThrownBy(() -> DatasetMappings.load(files)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subsidies.yaml").hasMessageContaining("column amount")
                .hasMessageContaining("caps names 'innovation_studios', which is no value of program");
    }

    /** The shipped mappings copied to {@code directory}, one of them with {@code text} replaced. */
    private static List<Resource> mappingsWith(Path directory, String file, String text, String replacement)
            throws Exception {
        List<Resource> files = new ArrayList<>();
        for (Resource shipped : new PathMatchingResourcePatternResolver().getResources("classpath*:mappings/*.yaml")) {
            String yaml = shipped.getContentAsString(StandardCharsets.UTF_8);
            if (file.equals(shipped.getFilename())) {
                assertThat(yaml).contains(text);
                yaml = yaml.replace(text, replacement);
            }
            files.add(new FileSystemResource(Files.writeString(directory.resolve(shipped.getFilename()), yaml)));
        }
        return files;
    }
}
