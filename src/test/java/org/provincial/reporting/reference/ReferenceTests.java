package org.provincial.reporting.reference;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

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
}
