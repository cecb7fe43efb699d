package org.provincial.reporting.dedup;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.StagedRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Versions, in-period deduplication and conflicts (SPEC §5) over rows staged straight into the database. Each test
 * stages its period from two tables, its files and their visit rows; facts and conflicts name a row by its file's
 * name in the table and its row number ({@code county/2}).
 */
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
        Period p = stage("2031-01", """
                county 440103 visits 1 2031-02-01T09:00 ACCEPTED
                city   440100 visits 1 2031-02-02T09:00 ACCEPTED
                """, """
                county 2 440103 PERSON       difficult_worker 2031-01-20 100.00
                city   2 440103 PERSON       difficult_worker 2031-01-20 100.00
                city   3 440104 OTHER_PERSON frontline        2031-01-21  50.00
                """);

        DedupResult result = deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(result.countedSubmissions()).isEqualTo(2);
        assertThat(result.factsByDataset()).containsEntry("visits", 2L);
        assertThat(result.duplicatesRemoved()).isEqualTo(1);
        assertThat(result.conflicts()).isZero();
        assertThat(factsOf(p, "visits")).containsExactlyInAnyOrder("county/2", "city/3");
        assertThat(rowsDeduplicated(p, "city")).isEqualTo(1);
        assertThat(rowsDeduplicated(p, "county")).isZero();
        totals.calculate(PROVINCE, p.period);
        assertThat(personVisits(p, "440100")).isEqualTo("2");
        assertThat(personVisits(p, "440103")).isEqualTo("1");
        assertThat(personVisits(p, PROVINCE)).isEqualTo("2");
    }

    @Test
    void letsTheCountyCopyWinAndListsItAsAConflictWhenTheAmountsDiffer() {
        Period p = stage("2031-02", """
                county 440103 visits 1 2031-03-01T09:00 ACCEPTED
                city   440100 visits 1 2031-03-02T09:00 ACCEPTED
                """, """
                county 2 440103 PERSON difficult_worker 2031-02-20 100.00
                city   5 440103 PERSON difficult_worker 2031-02-20 200.00
                """);

        DedupResult result = deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(factsOf(p, "visits")).containsExactly("county/2");
        assertThat(conflictsOf(p)).containsExactly(Map.of(
                "dataset", "visits",
                "natural_key", ResidentIds.mask(PERSON) + "|2031-02-20|difficult_worker",
                "winner", "county/2",
                "loser", "city/5",
                "differing_columns", "amount"));
        totals.calculate(PROVINCE, p.period);
        assertThat(figure(p, "440100", "visits", "amount_yuan")).isEqualTo("100.00");
    }

    @Test
    void listsEveryColumnInWhichTheLosingCopyDiffers() {
        Period p = stage("2031-03", """
                county 440103 visits 1 2031-04-01T09:00 ACCEPTED
                city   440100 visits 1 2031-04-02T09:00 ACCEPTED
                """, """
                county 2 440103 PERSON model_worker 2031-03-05 50.00
                city   2 440104 PERSON model_worker 2031-03-05 60.00
                """);

        deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(conflictsOf(p)).singleElement()
                .satisfies(conflict -> assertThat(conflict).containsEntry("differing_columns", "amount,region_code"));
    }

    @Test
    void letsTheLaterReceivedCopyWinBetweenSubmittersOfTheSameLevel() {
        Period p = stage("2031-04", """
                earlier 440103 visits 1 2031-05-01T09:00 ACCEPTED
                later   440104 visits 1 2031-05-01T10:00 ACCEPTED
                """, """
                later   2 440104 PERSON frontline 2031-04-08 80.00
                earlier 2 440103 PERSON frontline 2031-04-08 80.00
                """);

        DedupResult result = deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(factsOf(p, "visits")).containsExactly("later/2");
        assertThat(conflictsOf(p)).singleElement().satisfies(conflict -> assertThat(conflict)
                .containsEntry("loser", "earlier/2")
                .containsEntry("differing_columns", "region_code"));
        assertThat(rowsDeduplicated(p, "earlier")).isEqualTo(1);
    }

    @Test
    void countsOnlyTheHighestVersionEvenWhenItHasFewerRows() {
        // the v1 file arrived after v2 (re-uploaded): the version decides, not the time
        Period p = stage("2031-05", """
                v2 440103 visits 2 2031-06-01T09:00 ACCEPTED
                v1 440103 visits 1 2031-06-02T09:00 ACCEPTED
                """, """
                v1 2 440103 PERSON       difficult_worker 2031-05-03 100.00
                v1 3 440103 OTHER_PERSON difficult_worker 2031-05-03 100.00
                v1 4 440103 PERSON       frontline        2031-05-04 100.00
                v2 2 440103 PERSON       difficult_worker 2031-05-03 120.00
                v2 3 440103 OTHER_PERSON other            2031-05-09  30.00
                """);

        DedupResult result = deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(result.countedSubmissions()).isEqualTo(1);
        assertThat(counted(p, "v2")).isTrue();
        assertThat(counted(p, "v1")).isFalse();
        assertThat(factsOf(p, "visits")).containsExactlyInAnyOrder("v2/2", "v2/3");
        assertThat(result.conflicts()).isZero();
        assertThat(result.duplicatesRemoved()).isZero();
    }

    @Test
    void letsTheLaterReceivedFileWinBetweenEqualVersionsAndThenTheHigherId() {
        Period p = stage("2031-06", """
                later   440103 visits 1 2031-07-02T09:00 ACCEPTED
                earlier 440103 visits 1 2031-07-01T09:00 ACCEPTED
                first   440104 visits 1 2031-07-01T09:00 ACCEPTED
                second  440104 visits 1 2031-07-01T09:00 ACCEPTED
                """, """
                later   2 440103 PERSON       difficult_worker 2031-06-03 100.00
                earlier 2 440103 OTHER_PERSON difficult_worker 2031-06-03 100.00
                first   2 440104 OTHER_PERSON frontline        2031-06-03  10.00
                second  2 440104 PERSON       frontline        2031-06-03  10.00
                """);

        deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(counted(p, "later")).isTrue();
        assertThat(counted(p, "earlier")).isFalse();
        assertThat(counted(p, "second")).isTrue();
        assertThat(counted(p, "first")).isFalse();
        assertThat(factsOf(p, "visits")).containsExactlyInAnyOrder("later/2", "second/2");
    }

    @Test
    void keepsThePreviousVersionCountedWhenANewerOneIsRejectedWhole() {
        Period p = stage("2031-07", """
                v2 440103 visits 2 2031-08-01T09:00 ACCEPTED
                v3 440103 visits 3 2031-08-02T09:00 REJECTED
                """, """
                v2 2 440103 PERSON       difficult_worker 2031-07-03 100.00
                v3 2 440103 OTHER_PERSON difficult_worker 2031-07-03 100.00
                """);

        deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(counted(p, "v2")).isTrue();
        assertThat(counted(p, "v3")).isFalse();
        assertThat(factsOf(p, "visits")).containsExactly("v2/2");
    }

    @Test
    void neverCountsADuplicateFileNorAFileThatWasNotAccepted() {
        Period p = stage("2031-08", """
                accepted  440103 visits 1 2031-09-01T09:00 ACCEPTED
                duplicate 440103 visits 2 2031-09-02T09:00 DUPLICATE_FILE
                unparsed  440103 visits 3 2031-09-03T09:00 RECEIVED
                misnamed  440103 visits 4 2031-09-04T09:00 NAME_INVALID
                """, """
                accepted 2 440103 PERSON       difficult_worker 2031-08-03 100.00
                unparsed 2 440103 OTHER_PERSON difficult_worker 2031-08-03 100.00
                """);

        DedupResult result = deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(result.countedSubmissions()).isEqualTo(1);
        assertThat(List.of(counted(p, "accepted"), counted(p, "duplicate"), counted(p, "unparsed"), counted(p, "misnamed")))
                .containsExactly(true, false, false, false);
        assertThat(factsOf(p, "visits")).containsExactly("accepted/2");
    }

    @Test
    void countsARecordTowardItsOwnRegionNotItsSubmitter() {
        Period p = stage("2031-09", """
                city 440100 visits 1 2031-10-01T09:00 ACCEPTED
                """, """
                city 2 440104 PERSON new_employment 2031-09-10 300.00
                """);

        deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(factsOf(p, "visits", "region_code")).containsExactly("440104");
        totals.calculate(PROVINCE, p.period);
        assertThat(personVisits(p, "440104")).isEqualTo("1");
        assertThat(personVisits(p, "440103")).isEqualTo("0");
        assertThat(personVisits(p, "440100")).isEqualTo("1");
    }

    @Test
    void recordsTheCopiesOfEachSubmissionAsDeduplicatedRowsAndIgnoresInvalidRows() {
        Period p = stage("2031-10", """
                county 440103 visits 1 2031-11-01T09:00 ACCEPTED
                older  440100 visits 1 2031-11-01T08:00 ACCEPTED
                city   440100 visits 2 2031-11-02T09:00 ACCEPTED
                """, """
                county 2 440103 PERSON       difficult_worker 2031-10-03 100.00
                county 3 440103 OTHER_PERSON difficult_worker 2031-10-03 100.00
                county 4 440103 PERSON       frontline        2031-10-04 100.00
                city   2 440103 PERSON       difficult_worker 2031-10-03 100.00
                city   3 440103 OTHER_PERSON difficult_worker 2031-10-03 100.00
                city   4 440103 PERSON       frontline        2031-10-04 100.00
                city   5 440100 PERSON       other            2031-10-05  10.00
                city   6 440100 PERSON       model_worker     2031-10-05  10.00
                """);
        invalidate(p, "county", 4);
        invalidate(p, "city", 6);
        jdbc.update("update submission set rows_deduplicated = 7 where id = ?", p.id("older"));

        DedupResult result = deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(factsOf(p, "visits")).containsExactlyInAnyOrder("county/2", "county/3", "city/4", "city/5");
        assertThat(rowsDeduplicated(p, "county")).isZero();
        assertThat(rowsDeduplicated(p, "city")).isEqualTo(2);
        assertThat(rowsDeduplicated(p, "older")).isZero();
        assertThat(result.duplicatesRemoved()).isEqualTo(2);
    }

    @Test
    void deduplicatesEveryDatasetByItsOwnNaturalKey() {
        Period p = stage("2031-11", """
                countySubsidies 440103 subsidies         1 2031-12-01T09:00 ACCEPTED
                citySubsidies   440100 subsidies         1 2031-12-02T09:00 ACCEPTED
                countyContracts 440103 contracts         1 2031-12-01T09:00 ACCEPTED
                cityContracts   440100 contracts         1 2031-12-02T09:00 ACCEPTED
                countyCounts    440103 enterprise_counts 1 2031-12-01T09:00 ACCEPTED
                cityCounts      440100 enterprise_counts 1 2031-12-02T09:00 ACCEPTED
                countyWelfare   440103 welfare           1 2031-12-01T09:00 ACCEPTED
                cityWelfare     440100 welfare           1 2031-12-02T09:00 ACCEPTED
                """, "");
        staged.subsidy(p.id("countySubsidies"), 2, "440103", PERSON, "education_aid", "2031-11-05", "1000.00");
        staged.subsidy(p.id("citySubsidies"), 2, "440103", PERSON, "education_aid", "2031-11-05", "1000.00");
        staged.subsidy(p.id("citySubsidies"), 3, "440103", PERSON, "medical_aid", "2031-11-05", "1000.00");
        staged.contract(p.id("countyContracts"), 2, "440103", "91440101MA5CXXXX1A", "wage", "2031-11-06", 120);
        staged.contract(p.id("cityContracts"), 2, "440103", "91440101MA5CXXXX1A", "wage", "2031-11-06", 150);
        staged.enterpriseCount(p.id("countyCounts"), 2, "440103", 50);
        staged.enterpriseCount(p.id("cityCounts"), 2, "440100", 9);
        staged.enterpriseCount(p.id("cityCounts"), 3, "440103", 40);
        staged.welfare(p.id("countyWelfare"), 2, "440103", "V001", "raised", "donation", "500.00", "2031-11-07");
        staged.welfare(p.id("cityWelfare"), 2, "440103", "V001", "disbursed", "city", "500.00", "2031-11-07");
        staged.welfare(p.id("cityWelfare"), 3, "440100", "V001", "raised", "acftu", "800.00", "2031-11-07");

        DedupResult result = deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(result.factsByDataset()).containsExactly(entry("visits", 0L), entry("subsidies", 2L),
                entry("contracts", 1L), entry("enterprise_counts", 2L), entry("welfare", 2L));
        assertThat(result.duplicatesRemoved()).isEqualTo(4);
        assertThat(conflictsOf(p)).extracting(c -> c.get("dataset") + " " + c.get("natural_key") + " " + c.get("differing_columns"))
                .containsExactlyInAnyOrder(
                        "contracts 91440101MA5CXXXX1A|wage|2031-11-06 workers_covered",
                        "enterprise_counts 440103 enterprises_required",
                        "welfare 440103|V001 direction,source");
        assertThat(factsOf(p, "enterprise_counts")).containsExactlyInAnyOrder("countyCounts/2", "cityCounts/2");
    }

    @Test
    void givesTheSameResultWhenRunAgain() {
        Period p = stage("2031-12", """
                county 440103 visits 1 2032-01-01T09:00 ACCEPTED
                city   440100 visits 1 2032-01-02T09:00 ACCEPTED
                """, """
                county 2 440103 PERSON       difficult_worker 2031-12-20 100.00
                city   2 440103 PERSON       difficult_worker 2031-12-20  90.00
                city   3 440104 OTHER_PERSON frontline        2031-12-21  50.00
                """);

        DedupResult first = deduplicator.deduplicate(PROVINCE, p.period);
        List<String> facts = factsOf(p, "visits");
        List<Map<String, Object>> conflicts = conflictsOf(p);
        DedupResult second = deduplicator.deduplicate(PROVINCE, p.period);

        assertThat(second).isEqualTo(first);
        assertThat(factsOf(p, "visits")).containsExactlyInAnyOrderElementsOf(facts);
        assertThat(conflictsOf(p)).containsExactlyInAnyOrderElementsOf(conflicts).hasSize(1);
        assertThat(rowsDeduplicated(p, "city")).isEqualTo(1);
    }

    /** The files of one period as staged, by their names in the test's table. */
    record Period(String period, Map<String, Long> ids) {

        long id(String name) {
            Long id = ids.get(name);
            if (id == null) {
                throw new IllegalArgumentException("No file " + name + " in the table");
            }
            return id;
        }

        /** A staged row {@code id/row} as {@code name/row}. */
        String named(String row) {
            int slash = row.indexOf('/');
            long id = Long.parseLong(row.substring(0, slash));
            return ids.entrySet().stream().filter(file -> file.getValue() == id).map(Map.Entry::getKey).findFirst()
                    .orElseThrow() + row.substring(slash);
        }
    }

    /**
     * Stages the files of a period, registered in the order given, one a line: {@code name submitter dataset version
     * received status}; then their visit rows, one a line: {@code file row region person category date amount}, the
     * person {@code PERSON} or {@code OTHER_PERSON}.
     */
    Period stage(String period, String files, String visits) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String line : files.strip().lines().toList()) {
            String[] f = line.strip().split(" +");
            ids.put(f[0], staged.submission(f[1], f[2], period, Integer.parseInt(f[3]), f[4].replace('T', ' '), f[5]));
        }
        Map<String, String> persons = Map.of("PERSON", PERSON, "OTHER_PERSON", OTHER_PERSON);
        for (String line : visits.strip().lines().toList()) {
            String[] v = line.strip().split(" +");
            staged.visit(ids.get(v[0]), Integer.parseInt(v[1]), v[2], persons.get(v[3]), v[4], v[5], v[6]);
        }
        return new Period(period, ids);
    }

    void invalidate(Period p, String file, int rowNo) {
        jdbc.update("update stage_visits set valid = false where submission_id = ? and row_no = ?", p.id(file), rowNo);
    }

    List<String> factsOf(Period p, String dataset) {
        return factsOf(p, dataset, "submission_id || '/' || r.row_no").stream().map(p::named).toList();
    }

    /** A column or expression of the staged row {@code r} of every fact of the dataset. */
    List<String> factsOf(Period p, String dataset, String expression) {
        return new NamedParameterJdbcTemplate(jdbc).queryForList(Facts.select(mappings.get(dataset), List.of(expression)),
                Map.of("province", PROVINCE, "periods", new String[] {p.period}), String.class);
    }

    /** The conflicts of the period, the winning and losing rows named as in the table. */
    List<Map<String, Object>> conflictsOf(Period p) {
        return jdbc.queryForList("""
                select dataset, natural_key, winner_submission_id || '/' || winner_row_no as winner,
                       loser_submission_id || '/' || loser_row_no as loser, differing_columns
                from conflict
                where province = ? and period = ?
                """, PROVINCE, p.period).stream().<Map<String, Object>>map(conflict -> {
                    Map<String, Object> named = new HashMap<>(conflict);
                    named.put("winner", p.named((String) conflict.get("winner")));
                    named.put("loser", p.named((String) conflict.get("loser")));
                    return named;
                }).toList();
    }

    boolean counted(Period p, String file) {
        return jdbc.queryForObject("select counted from submission where id = ?", Boolean.class, p.id(file));
    }

    int rowsDeduplicated(Period p, String file) {
        return jdbc.queryForObject("select rows_deduplicated from submission where id = ?", Integer.class, p.id(file));
    }

    String personVisits(Period p, String region) {
        return figure(p, region, "visits", "person_visits");
    }

    String figure(Period p, String region, String dataset, String measure) {
        return jdbc.queryForObject("""
                select value::text from period_total
                where province = ? and period = ? and dataset = ? and region_code = ? and measure = ? and breakdown = ''
                """, String.class, PROVINCE, p.period, dataset, region, measure);
    }
}
