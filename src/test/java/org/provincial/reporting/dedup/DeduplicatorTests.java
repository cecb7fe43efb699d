package org.provincial.reporting.dedup;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.ingest.validate.ResidentIds;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.StagedRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Versions, in-period deduplication and conflicts (SPEC §5) over rows staged straight into the database. */
@ReportingTest
class DeduplicatorTests {

    static final String PROVINCE = "440000";

    static final String PERSON = "110105194912310021";

    static final String OTHER_PERSON = "11010519491231002X";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Deduplicator deduplicator;

    @Autowired
    TotalsCalculator totals;

    @Autowired
    DatasetMappings mappings;

    @Autowired
    ResidentIdHashes residentIds;

    StagedRows staged;

    @BeforeEach
    void stagedRows() {
        staged = new StagedRows(jdbc, residentIds);
    }

    @Test
    void countsACityReReportOfItsCountiesRowsOnce() {
        String period = "2031-01";
        long county = staged.submission("440103", "visits", period, 1, "2031-02-01 09:00", "ACCEPTED");
        long city = staged.submission("440100", "visits", period, 1, "2031-02-02 09:00", "ACCEPTED");
        staged.visit(county, 2, "440103", PERSON, "difficult_worker", "2031-01-20", "100.00");
        staged.visit(city, 2, "440103", PERSON, "difficult_worker", "2031-01-20", "100.00");
        staged.visit(city, 3, "440104", OTHER_PERSON, "frontline", "2031-01-21", "50.00");

        DedupResult result = deduplicator.deduplicate(PROVINCE, period);

        assertThat(result.countedSubmissions()).isEqualTo(2);
        assertThat(result.factsByDataset()).containsEntry("visits", 2L);
        assertThat(result.duplicatesRemoved()).isEqualTo(1);
        assertThat(result.conflicts()).isZero();
        assertThat(factsOf(period, "visits")).containsExactlyInAnyOrder(county + "/2", city + "/3");
        assertThat(rowsDeduplicated(city)).isEqualTo(1);
        assertThat(rowsDeduplicated(county)).isZero();
        totals.calculate(PROVINCE, period);
        assertThat(personVisits(period, "440100")).isEqualTo("2");
        assertThat(personVisits(period, "440103")).isEqualTo("1");
        assertThat(personVisits(period, PROVINCE)).isEqualTo("2");
    }

    @Test
    void letsTheCountyCopyWinAndListsItAsAConflictWhenTheAmountsDiffer() {
        String period = "2031-02";
        long county = staged.submission("440103", "visits", period, 1, "2031-03-01 09:00", "ACCEPTED");
        long city = staged.submission("440100", "visits", period, 1, "2031-03-02 09:00", "ACCEPTED");
        staged.visit(county, 2, "440103", PERSON, "difficult_worker", "2031-02-20", "100.00");
        staged.visit(city, 5, "440103", PERSON, "difficult_worker", "2031-02-20", "200.00");

        DedupResult result = deduplicator.deduplicate(PROVINCE, period);

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(factsOf(period, "visits")).containsExactly(county + "/2");
        assertThat(conflictsOf(period)).containsExactly(Map.of(
                "dataset", "visits",
                "natural_key", ResidentIds.mask(PERSON) + "|2031-02-20|difficult_worker",
                "winner", county + "/2",
                "loser", city + "/5",
                "differing_columns", "amount"));
        totals.calculate(PROVINCE, period);
        assertThat(figure(period, "440100", "visits", "amount_yuan")).isEqualTo("100.00");
    }

    @Test
    void listsEveryColumnInWhichTheLosingCopyDiffers() {
        String period = "2031-03";
        long county = staged.submission("440103", "visits", period, 1, "2031-04-01 09:00", "ACCEPTED");
        long city = staged.submission("440100", "visits", period, 1, "2031-04-02 09:00", "ACCEPTED");
        staged.visit(county, 2, "440103", PERSON, "model_worker", "2031-03-05", "50.00");
        staged.visit(city, 2, "440104", PERSON, "model_worker", "2031-03-05", "60.00");

        deduplicator.deduplicate(PROVINCE, period);

        assertThat(conflictsOf(period)).singleElement()
                .satisfies(conflict -> assertThat(conflict).containsEntry("differing_columns", "amount,region_code"));
    }

    @Test
    void letsTheLaterReceivedCopyWinBetweenSubmittersOfTheSameLevel() {
        String period = "2031-04";
        long earlier = staged.submission("440103", "visits", period, 1, "2031-05-01 09:00", "ACCEPTED");
        long later = staged.submission("440104", "visits", period, 1, "2031-05-01 10:00", "ACCEPTED");
        staged.visit(later, 2, "440104", PERSON, "frontline", "2031-04-08", "80.00");
        staged.visit(earlier, 2, "440103", PERSON, "frontline", "2031-04-08", "80.00");

        DedupResult result = deduplicator.deduplicate(PROVINCE, period);

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(factsOf(period, "visits")).containsExactly(later + "/2");
        assertThat(conflictsOf(period)).singleElement().satisfies(conflict -> assertThat(conflict)
                .containsEntry("loser", earlier + "/2")
                .containsEntry("differing_columns", "region_code"));
        assertThat(rowsDeduplicated(earlier)).isEqualTo(1);
    }

    @Test
    void countsOnlyTheHighestVersionEvenWhenItHasFewerRows() {
        String period = "2031-05";
        // the v1 file arrived after v2 (re-uploaded): the version decides, not the time
        long v2 = staged.submission("440103", "visits", period, 2, "2031-06-01 09:00", "ACCEPTED");
        long v1 = staged.submission("440103", "visits", period, 1, "2031-06-02 09:00", "ACCEPTED");
        staged.visit(v1, 2, "440103", PERSON, "difficult_worker", "2031-05-03", "100.00");
        staged.visit(v1, 3, "440103", OTHER_PERSON, "difficult_worker", "2031-05-03", "100.00");
        staged.visit(v1, 4, "440103", PERSON, "frontline", "2031-05-04", "100.00");
        staged.visit(v2, 2, "440103", PERSON, "difficult_worker", "2031-05-03", "120.00");
        staged.visit(v2, 3, "440103", OTHER_PERSON, "other", "2031-05-09", "30.00");

        DedupResult result = deduplicator.deduplicate(PROVINCE, period);

        assertThat(result.countedSubmissions()).isEqualTo(1);
        assertThat(counted(v2)).isTrue();
        assertThat(counted(v1)).isFalse();
        assertThat(factsOf(period, "visits")).containsExactlyInAnyOrder(v2 + "/2", v2 + "/3");
        assertThat(result.conflicts()).isZero();
        assertThat(result.duplicatesRemoved()).isZero();
    }

    @Test
    void letsTheLaterReceivedFileWinBetweenEqualVersionsAndThenTheHigherId() {
        String period = "2031-06";
        long later = staged.submission("440103", "visits", period, 1, "2031-07-02 09:00", "ACCEPTED");
        long earlier = staged.submission("440103", "visits", period, 1, "2031-07-01 09:00", "ACCEPTED");
        long first = staged.submission("440104", "visits", period, 1, "2031-07-01 09:00", "ACCEPTED");
        long second = staged.submission("440104", "visits", period, 1, "2031-07-01 09:00", "ACCEPTED");
        staged.visit(later, 2, "440103", PERSON, "difficult_worker", "2031-06-03", "100.00");
        staged.visit(earlier, 2, "440103", OTHER_PERSON, "difficult_worker", "2031-06-03", "100.00");
        staged.visit(first, 2, "440104", OTHER_PERSON, "frontline", "2031-06-03", "10.00");
        staged.visit(second, 2, "440104", PERSON, "frontline", "2031-06-03", "10.00");

        deduplicator.deduplicate(PROVINCE, period);

        assertThat(counted(later)).isTrue();
        assertThat(counted(earlier)).isFalse();
        assertThat(counted(second)).isTrue();
        assertThat(counted(first)).isFalse();
        assertThat(factsOf(period, "visits")).containsExactlyInAnyOrder(later + "/2", second + "/2");
    }

    @Test
    void keepsThePreviousVersionCountedWhenANewerOneIsRejectedWhole() {
        String period = "2031-07";
        long v2 = staged.submission("440103", "visits", period, 2, "2031-08-01 09:00", "ACCEPTED");
        long v3 = staged.submission("440103", "visits", period, 3, "2031-08-02 09:00", "REJECTED");
        staged.visit(v2, 2, "440103", PERSON, "difficult_worker", "2031-07-03", "100.00");
        staged.visit(v3, 2, "440103", OTHER_PERSON, "difficult_worker", "2031-07-03", "100.00");

        deduplicator.deduplicate(PROVINCE, period);

        assertThat(counted(v2)).isTrue();
        assertThat(counted(v3)).isFalse();
        assertThat(factsOf(period, "visits")).containsExactly(v2 + "/2");
    }

    @Test
    void neverCountsADuplicateFileNorAFileThatWasNotAccepted() {
        String period = "2031-08";
        long accepted = staged.submission("440103", "visits", period, 1, "2031-09-01 09:00", "ACCEPTED");
        long duplicate = staged.submission("440103", "visits", period, 2, "2031-09-02 09:00", "DUPLICATE_FILE");
        long unparsed = staged.submission("440103", "visits", period, 3, "2031-09-03 09:00", "RECEIVED");
        long misnamed = staged.submission("440103", "visits", period, 4, "2031-09-04 09:00", "NAME_INVALID");
        staged.visit(accepted, 2, "440103", PERSON, "difficult_worker", "2031-08-03", "100.00");
        staged.visit(unparsed, 2, "440103", OTHER_PERSON, "difficult_worker", "2031-08-03", "100.00");

        DedupResult result = deduplicator.deduplicate(PROVINCE, period);

        assertThat(result.countedSubmissions()).isEqualTo(1);
        assertThat(List.of(counted(accepted), counted(duplicate), counted(unparsed), counted(misnamed)))
                .containsExactly(true, false, false, false);
        assertThat(factsOf(period, "visits")).containsExactly(accepted + "/2");
    }

    @Test
    void countsARecordTowardItsOwnRegionNotItsSubmitter() {
        String period = "2031-09";
        long city = staged.submission("440100", "visits", period, 1, "2031-10-01 09:00", "ACCEPTED");
        staged.visit(city, 2, "440104", PERSON, "new_employment", "2031-09-10", "300.00");

        deduplicator.deduplicate(PROVINCE, period);

        assertThat(factsOf(period, "visits", "region_code")).containsExactly("440104");
        totals.calculate(PROVINCE, period);
        assertThat(personVisits(period, "440104")).isEqualTo("1");
        assertThat(personVisits(period, "440103")).isEqualTo("0");
        assertThat(personVisits(period, "440100")).isEqualTo("1");
    }

    @Test
    void recordsTheCopiesOfEachSubmissionAsDeduplicatedRowsAndIgnoresInvalidRows() {
        String period = "2031-10";
        long county = staged.submission("440103", "visits", period, 1, "2031-11-01 09:00", "ACCEPTED");
        long older = staged.submission("440100", "visits", period, 1, "2031-11-01 08:00", "ACCEPTED");
        long city = staged.submission("440100", "visits", period, 2, "2031-11-02 09:00", "ACCEPTED");
        staged.visit(county, 2, "440103", PERSON, "difficult_worker", "2031-10-03", "100.00");
        staged.visit(county, 3, "440103", OTHER_PERSON, "difficult_worker", "2031-10-03", "100.00");
        staged.visit(county, 4, "440103", PERSON, "frontline", "2031-10-04", "100.00");
        invalidate(county, 4);
        staged.visit(city, 2, "440103", PERSON, "difficult_worker", "2031-10-03", "100.00");
        staged.visit(city, 3, "440103", OTHER_PERSON, "difficult_worker", "2031-10-03", "100.00");
        staged.visit(city, 4, "440103", PERSON, "frontline", "2031-10-04", "100.00");
        staged.visit(city, 5, "440100", PERSON, "other", "2031-10-05", "10.00");
        staged.visit(city, 6, "440100", PERSON, "model_worker", "2031-10-05", "10.00");
        invalidate(city, 6);
        jdbc.update("update submission set rows_deduplicated = 7 where id = ?", older);

        DedupResult result = deduplicator.deduplicate(PROVINCE, period);

        assertThat(factsOf(period, "visits"))
                .containsExactlyInAnyOrder(county + "/2", county + "/3", city + "/4", city + "/5");
        assertThat(rowsDeduplicated(county)).isZero();
        assertThat(rowsDeduplicated(city)).isEqualTo(2);
        assertThat(rowsDeduplicated(older)).isZero();
        assertThat(result.duplicatesRemoved()).isEqualTo(2);
    }

    @Test
    void deduplicatesEveryDatasetByItsOwnNaturalKey() {
        String period = "2031-11";
        long countySubsidies = staged.submission("440103", "subsidies", period, 1, "2031-12-01 09:00", "ACCEPTED");
        long citySubsidies = staged.submission("440100", "subsidies", period, 1, "2031-12-02 09:00", "ACCEPTED");
        staged.subsidy(countySubsidies, 2, "440103", PERSON, "education_aid", "2031-11-05", "1000.00");
        staged.subsidy(citySubsidies, 2, "440103", PERSON, "education_aid", "2031-11-05", "1000.00");
        staged.subsidy(citySubsidies, 3, "440103", PERSON, "medical_aid", "2031-11-05", "1000.00");
        long countyContracts = staged.submission("440103", "contracts", period, 1, "2031-12-01 09:00", "ACCEPTED");
        long cityContracts = staged.submission("440100", "contracts", period, 1, "2031-12-02 09:00", "ACCEPTED");
        staged.contract(countyContracts, 2, "440103", "91440101MA5CXXXX1A", "wage", "2031-11-06", 120);
        staged.contract(cityContracts, 2, "440103", "91440101MA5CXXXX1A", "wage", "2031-11-06", 150);
        long countyCounts = staged.submission("440103", "enterprise_counts", period, 1, "2031-12-01 09:00", "ACCEPTED");
        long cityCounts = staged.submission("440100", "enterprise_counts", period, 1, "2031-12-02 09:00", "ACCEPTED");
        staged.enterpriseCount(countyCounts, 2, "440103", 50);
        staged.enterpriseCount(cityCounts, 2, "440100", 9);
        staged.enterpriseCount(cityCounts, 3, "440103", 40);
        long countyWelfare = staged.submission("440103", "welfare", period, 1, "2031-12-01 09:00", "ACCEPTED");
        long cityWelfare = staged.submission("440100", "welfare", period, 1, "2031-12-02 09:00", "ACCEPTED");
        staged.welfare(countyWelfare, 2, "440103", "V001", "raised", "donation", "500.00", "2031-11-07");
        staged.welfare(cityWelfare, 2, "440103", "V001", "disbursed", "city", "500.00", "2031-11-07");
        staged.welfare(cityWelfare, 3, "440100", "V001", "raised", "acftu", "800.00", "2031-11-07");

        DedupResult result = deduplicator.deduplicate(PROVINCE, period);

        assertThat(result.factsByDataset()).containsExactly(entry("visits", 0L), entry("subsidies", 2L),
                entry("contracts", 1L), entry("enterprise_counts", 2L), entry("welfare", 2L));
        assertThat(result.duplicatesRemoved()).isEqualTo(4);
        assertThat(conflictsOf(period)).extracting(c -> c.get("dataset") + " " + c.get("natural_key") + " " + c.get("differing_columns"))
                .containsExactlyInAnyOrder(
                        "contracts 91440101MA5CXXXX1A|wage|2031-11-06 workers_covered",
                        "enterprise_counts 440103 enterprises_required",
                        "welfare 440103|V001 direction,source");
        assertThat(factsOf(period, "enterprise_counts")).containsExactlyInAnyOrder(countyCounts + "/2", cityCounts + "/2");
    }

    @Test
    void givesTheSameResultWhenRunAgain() {
        String period = "2031-12";
        long county = staged.submission("440103", "visits", period, 1, "2032-01-01 09:00", "ACCEPTED");
        long city = staged.submission("440100", "visits", period, 1, "2032-01-02 09:00", "ACCEPTED");
        staged.visit(county, 2, "440103", PERSON, "difficult_worker", "2031-12-20", "100.00");
        staged.visit(city, 2, "440103", PERSON, "difficult_worker", "2031-12-20", "90.00");
        staged.visit(city, 3, "440104", OTHER_PERSON, "frontline", "2031-12-21", "50.00");

        DedupResult first = deduplicator.deduplicate(PROVINCE, period);
        List<String> facts = factsOf(period, "visits");
        List<Map<String, Object>> conflicts = conflictsOf(period);
        DedupResult second = deduplicator.deduplicate(PROVINCE, period);

        assertThat(second).isEqualTo(first);
        assertThat(factsOf(period, "visits")).containsExactlyInAnyOrderElementsOf(facts);
        assertThat(conflictsOf(period)).containsExactlyInAnyOrderElementsOf(conflicts).hasSize(1);
        assertThat(rowsDeduplicated(city)).isEqualTo(1);
    }

    void invalidate(long submission, int rowNo) {
        jdbc.update("update stage_visits set valid = false where submission_id = ? and row_no = ?", submission, rowNo);
    }

    List<String> factsOf(String period, String dataset) {
        return factsOf(period, dataset, "submission_id || '/' || r.row_no");
    }

    /** A column or expression of the staged row {@code r} of every fact of the dataset. */
    List<String> factsOf(String period, String dataset, String expression) {
        return new NamedParameterJdbcTemplate(jdbc).queryForList(Facts.select(mappings.get(dataset), List.of(expression)),
                Map.of("province", PROVINCE, "periods", new String[] {period}), String.class);
    }

    List<Map<String, Object>> conflictsOf(String period) {
        return jdbc.queryForList("""
                select dataset, natural_key, winner_submission_id || '/' || winner_row_no as winner,
                       loser_submission_id || '/' || loser_row_no as loser, differing_columns
                from conflict
                where province = ? and period = ?
                """, PROVINCE, period);
    }

    boolean counted(long submission) {
        return jdbc.queryForObject("select counted from submission where id = ?", Boolean.class, submission);
    }

    int rowsDeduplicated(long submission) {
        return jdbc.queryForObject("select rows_deduplicated from submission where id = ?", Integer.class, submission);
    }

    String personVisits(String period, String region) {
        return figure(period, region, "visits", "person_visits");
    }

    String figure(String period, String region, String dataset, String measure) {
        return jdbc.queryForObject("""
                select value::text from period_total
                where province = ? and period = ? and dataset = ? and region_code = ? and measure = ? and breakdown = ''
                """, String.class, PROVINCE, period, dataset, region, measure);
    }
}
