package org.provincial.reporting.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.dedup.Deduplicator;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the job with its deduplication and totals spread over 4 partitions gives every total, conflict,
 * deduplicated row and count of copies the unpartitioned computation gives (one statement over all the rows) on
 * the same staged rows: a province-month of 宁夏 (640000) as bench/Generate.java writes it, where cities re-report
 * their counties' rows (copies across submitters, some with other amounts: conflicts) in every dataset.
 */
@ReportingTest
@TestPropertySource(properties = "reporting.partitions=4")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionedRunFunctionalTests {

    static final String PROVINCE = "640000";
    static final String PERIOD = "2026-05";

    @Autowired
    PipelineRunner runner;

    @Autowired
    Deduplicator deduplicator;

    @Autowired
    TotalsCalculator totals;

    @Autowired
    JdbcTemplate jdbc;

    RunSummary run;
    Results partitioned;
    Results unpartitioned;

    @BeforeAll
    void runTheJobWithFourPartitionsThenComputeTheSameMonthUnpartitioned(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("source");
        // the generator takes the check characters of IDs from the product's classes
        Process generate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/classes", "bench/Generate.java", "--regions", "src/main/resources/reference/regions.csv", "--rows", "20000",
                "--source", source.toString(), "--floor", temp.resolve("floor").toString(), "--province", PROVINCE,
                "--period", PERIOD, "--seed", "19").redirectErrorStream(true)
                .redirectOutput(temp.resolve("generate.log").toFile()).start();
        assertThat(generate.waitFor()).as("bench/Generate.java, see %s", temp.resolve("generate.log")).isZero();
        reReportCountyRowsInTheCitysFiles(source);
        run = runner.startAndWait(PROVINCE, PERIOD, List.of(SourceLocation.parse(source.toString())), temp.resolve("out"), 0.5);
        partitioned = results();
        // the same month computed as before partitions: every row in one statement per dataset
        deduplicator.deduplicate(PROVINCE, PERIOD);
        totals.calculate(PROVINCE, PERIOD);
        unpartitioned = results();
    }

    /**
     * The generator's cities re-report their counties' visits only: 银川市 (640100) re-reports every other row of
     * 兴庆区 (640104) in its subsidies, contracts and welfare files too, every third subsidy and contract of them
     * with the region 西夏区 (640105), another county of the city (a conflict on the region).
     */
    private static void reReportCountyRowsInTheCitysFiles(Path source) throws Exception {
        for (String dataset : List.of("subsidies", "contracts", "welfare")) {
            List<String> county = Files.readAllLines(source.resolve("640104/640104_" + dataset + "_" + PERIOD + ".csv"));
            List<String> copies = new ArrayList<>();
            for (int i = 1; i < county.size(); i += 2) {
                boolean conflicting = !dataset.equals("welfare") && copies.size() % 3 == 2;
                copies.add(conflicting ? county.get(i).replaceFirst("^640104,", "640105,") : county.get(i));
            }
            Path city = source.resolve("640100/640100_" + dataset + "_" + PERIOD + ".csv");
            FileTime generated = Files.getLastModifiedTime(city);
            Files.write(city, copies, StandardOpenOption.APPEND);
            Files.setLastModifiedTime(city, generated);
        }
    }

    @Test
    void ranEachOfTheTwoStepsAsFourPartitions() {
        assertThat(run.completed()).as(run.toString()).isTrue();
        assertThat(jdbc.queryForList("""
                select step_name || ' ' || status from batch_step_execution
                where job_execution_id = ? and step_name like '%:%' order by step_name""", String.class, run.executionId()))
                .containsExactly("aggregate:partition0 COMPLETED", "aggregate:partition1 COMPLETED",
                        "aggregate:partition2 COMPLETED", "aggregate:partition3 COMPLETED",
                        "deduplicate:partition0 COMPLETED", "deduplicate:partition1 COMPLETED",
                        "deduplicate:partition2 COMPLETED", "deduplicate:partition3 COMPLETED");
        assertThat(jdbc.queryForObject("select count(*) from partition_deduplicated_row", Long.class))
                .as("run-scoped copies left after publishing").isZero();
        assertThat(jdbc.queryForObject("select count(*) from partition_total", Long.class))
                .as("run-scoped figures left after publishing").isZero();
    }

    @Test
    void foundCopiesAndConflictsAcrossSubmittersInEveryDatasetThatHasThem() {
        assertThat(partitioned.copiesByDataset()).containsOnlyKeys("visits", "subsidies", "contracts", "welfare")
                .allSatisfy((dataset, copies) -> assertThat(copies).as(dataset).isPositive());
        assertThat(partitioned.conflicts()).extracting(conflict -> conflict.get("dataset"))
                .contains("visits", "subsidies", "contracts");
    }

    @Test
    void storesTheSameDeduplicatedRowsAndCopiesPerSubmission() {
        assertThat(partitioned.deduplicatedRows()).isEqualTo(unpartitioned.deduplicatedRows());
        assertThat(partitioned.submissions()).isEqualTo(unpartitioned.submissions());
    }

    @Test
    void listsTheSameConflictsInTheSameOrder() {
        assertThat(partitioned.conflicts()).isEqualTo(unpartitioned.conflicts());
    }

    @Test
    void computesEveryTotalOfEveryRegionAlike() {
        assertThat(partitioned.totals()).hasSizeGreaterThan(1000).isEqualTo(unpartitioned.totals());
    }

    private Results results() {
        return new Results(
                jdbc.queryForList("""
                        select dataset, submission_id, row_no from deduplicated_row
                        where province = ? and period = ? order by submission_id, row_no""", PROVINCE, PERIOD),
                Map.copyOf(jdbc.query("""
                        select dataset, count(*) from deduplicated_row where province = ? and period = ? group by dataset""",
                        rs -> {
                            Map<String, Long> copies = new java.util.HashMap<>();
                            while (rs.next()) {
                                copies.put(rs.getString(1), rs.getLong(2));
                            }
                            return copies;
                        }, PROVINCE, PERIOD)),
                jdbc.queryForList("""
                        select id, counted, rows_deduplicated from submission
                        where province = ? and period = ? order by id""", PROVINCE, PERIOD),
                // numbered in the order a review reads them: the ids' differences, not their values
                jdbc.queryForList("""
                        select dataset, natural_key, winner_submission_id, winner_row_no, loser_submission_id,
                               loser_row_no, differing_columns, id - min(id) over () as number
                        from conflict where province = ? and period = ? order by id""", PROVINCE, PERIOD),
                jdbc.queryForList("""
                        select dataset, region_code, measure, breakdown, value::text as value from period_total
                        where province = ? and period = ? order by dataset, region_code, measure, breakdown""",
                        PROVINCE, PERIOD));
    }

    /** What a month's deduplication and totals stored, each in a stable order. */
    private record Results(List<Map<String, Object>> deduplicatedRows, Map<String, Long> copiesByDataset,
            List<Map<String, Object>> submissions, List<Map<String, Object>> conflicts, List<Map<String, Object>> totals) {
    }
}
