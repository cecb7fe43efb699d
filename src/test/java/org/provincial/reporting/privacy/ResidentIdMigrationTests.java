package org.provincial.reporting.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.dedup.Deduplicator;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.StagedRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration 11.1 on what versions before it left: resident IDs in clear. Each test works in a transaction it rolls
 * back, as the migration reaches every clear row of the shared database.
 */
@ReportingTest
class ResidentIdMigrationTests {

    static final String PROVINCE = "630000";
    static final String COUNTY = "630102";
    static final String CITY = "630100";
    static final String PERSON = Ids.residentId(COUNTY, LocalDate.of(1961, 1, 1), 1);
    static final String OTHER_PERSON = Ids.residentId(COUNTY, LocalDate.of(1962, 2, 2), 2);
    static final String CREDIT_CODE = Ids.creditCode(COUNTY, 3);
    static final String BAD_ID = Ids.withWrongCheckCharacter(Ids.residentId(COUNTY, LocalDate.of(1963, 3, 3), 3));

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Deduplicator deduplicator;

    @Autowired
    TotalsCalculator totals;

    @Autowired
    ResidentIdHashes hashes;

    @Autowired
    ResidentIdMigration migration;

    @Test
    void hashesClearIdsOfEarlierVersionsAndKeepsThePublishedFigures() {
        String period = "2036-06";
        inRolledBackTransaction(() -> {
            StagedRows staged = new StagedRows(jdbc, hashes);
            long county = staged.submission(COUNTY, "visits", period);
            long city = staged.submission(CITY, "visits", period);
            long subsidies = staged.submission(COUNTY, "subsidies", period);
            clearVisit(county, 2, PERSON, "2036-06-01", "100.00");
            clearVisit(county, 3, OTHER_PERSON, "2036-06-02", "100.00");
            clearVisit(city, 2, PERSON, "2036-06-01", "150.00");
            clearVisit(city, 3, PERSON, "2036-06-03", "100.00");
            jdbc.update("""
                    insert into stage_subsidies (submission_id, row_no, valid, region_code, recipient_id, program, amount, paid_date)
                    values (?, 2, true, ?, ?, 'other', 10, date '2036-06-04'), (?, 3, true, ?, ?, 'other', 10, date '2036-06-04')
                    """, subsidies, COUNTY, PERSON, subsidies, COUNTY, CREDIT_CODE);
            jdbc.update("insert into rejection (submission_id, row_no, column_key, code, message, value) values (?, 4, ?, ?, ?, ?)",
                    county, "person_id", "ID_INVALID", "身份证号校验位错误，请核对后重新填写", BAD_ID);
            deduplicator.deduplicate(PROVINCE, period);
            totals.calculate(PROVINCE, period);
            List<Map<String, Object>> published = figures(period);
            // earlier versions named the conflict by the clear ID
            assertThat(jdbc.update("update conflict set natural_key = ? where province = ? and period = ?",
                    PERSON + "|2036-06-01|other", PROVINCE, period)).isOne();

            migrate();

            ResidentIdHashes.Hasher hasher = hashes.hasher();
            assertThat(jdbc.queryForList("select person_id || ' ' || person_id_masked from stage_visits where submission_id in (?, ?)"
                    + " order by submission_id, row_no", String.class, county, city)).containsExactly(
                    hasher.stored(PERSON, ColumnType.RESIDENT_ID) + " " + ResidentIds.mask(PERSON),
                    hasher.stored(OTHER_PERSON, ColumnType.RESIDENT_ID) + " " + ResidentIds.mask(OTHER_PERSON),
                    hasher.stored(PERSON, ColumnType.RESIDENT_ID) + " " + ResidentIds.mask(PERSON),
                    hasher.stored(PERSON, ColumnType.RESIDENT_ID) + " " + ResidentIds.mask(PERSON));
            assertThat(jdbc.queryForList("select recipient_id || ' ' || recipient_id_masked from stage_subsidies"
                    + " where submission_id = ? order by row_no", String.class, subsidies)).containsExactly(
                    hasher.stored(PERSON, ColumnType.RESIDENT_ID) + " " + ResidentIds.mask(PERSON),
                    CREDIT_CODE + " " + CREDIT_CODE);
            assertThat(jdbc.queryForObject("select value from rejection where submission_id = ?", String.class, county))
                    .isEqualTo(ResidentIds.mask(BAD_ID));
            assertThat(conflictKeys(period)).containsExactly(ResidentIds.mask(PERSON) + "|2036-06-01|other");

            deduplicator.deduplicate(PROVINCE, period);
            totals.calculate(PROVINCE, period);
            assertThat(figures(period)).isEqualTo(published);
            assertThat(conflictKeys(period)).containsExactly(ResidentIds.mask(PERSON) + "|2036-06-01|other");
        });
    }

    @Test
    void runsAfterTheMaskedColumnsAndRecordsTheKeysFingerprint() {
        assertThat(jdbc.queryForList("select version from flyway_schema_history where success and version in ('11', '11.1')"
                + " order by installed_rank", String.class)).containsExactly("11", "11.1");
        assertThat(jdbc.queryForObject("select count(*) from id_key", Integer.class)).isOne();
    }

    @Test
    void refusesAKeyOtherThanTheOneTheDatabaseWasHashedWith() {
        inRolledBackTransaction(() -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            IdKeyCheck other = new IdKeyCheck(new ResidentIdHashes("another key of thirty-two bytes or more"
                    .getBytes(StandardCharsets.UTF_8)));

            assertThatThrownBy(() -> other.verify(connection)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("REPORTING_ID_KEY");
            assertThat(jdbc.queryForObject("select count(*) from id_key", Integer.class)).isOne();
            new IdKeyCheck(hashes).verify(connection);
        });
    }

    private void clearVisit(long submission, int row, String person, String date, String amount) {
        jdbc.update("""
                insert into stage_visits (submission_id, row_no, valid, region_code, person_id, category, visit_date, amount)
                values (?, ?, true, ?, ?, 'other', cast(? as date), cast(? as numeric))
                """, submission, row, COUNTY, person, date, amount);
    }

    private List<Map<String, Object>> figures(String period) {
        return jdbc.queryForList("""
                select dataset, region_code, measure, breakdown, value from period_total
                where province = ? and period = ? order by dataset, region_code, measure, breakdown""", PROVINCE, period);
    }

    private List<String> conflictKeys(String period) {
        return jdbc.queryForList("select natural_key from conflict where province = ? and period = ?", String.class,
                PROVINCE, period);
    }

    private void migrate() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            migration.migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void inRolledBackTransaction(ThrowingRunnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            status.setRollbackOnly();
            try {
                work.run();
            }
            catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Work that may throw an SQLException. */
    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws SQLException;
    }
}
