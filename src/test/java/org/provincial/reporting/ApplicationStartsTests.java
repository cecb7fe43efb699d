package org.provincial.reporting;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ReportingTest
class ApplicationStartsTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void migratesTheSchemaIntoTheEmbeddedDatabase() {
        assertThat(jdbc.queryForList("select script from flyway_schema_history where success", String.class))
                .contains("V1__spring_batch.sql", "V2__reporting.sql", "db.migration.R__Regions");
        assertThat(jdbc.queryForObject("select count(*) from region where province_code = '440000'", Long.class))
                .isGreaterThan(100);
        assertThat(jdbc.queryForObject("select count(*) from region_ancestor where descendant = '440103'", Long.class))
                .isEqualTo(3);
    }
}
