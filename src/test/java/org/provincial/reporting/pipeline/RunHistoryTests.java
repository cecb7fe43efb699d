package org.provincial.reporting.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link RunHistory} over real executions: the list newest first, the latest unfinished one, what resumed it, and a
 * partitioned step's failure told by its partition.
 */
@ReportingTest
class RunHistoryTests {

    static final String PROVINCE = "630000";

    @Autowired
    PipelineRunner runner;

    @Autowired
    RunHistory history;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void listsThePeriodsRunsNewestFirstAndFollowsTheirRestart(@TempDir Path temp) throws Exception {
        String period = "2051-07";
        SourceLocation absent = SourceLocation.parse(temp.resolve("absent").toString());
        Path out = temp.resolve("out");
        RunSummary first = runner.startAndWait(PROVINCE, period, List.of(absent), out, 0.5);
        RunSummary second = runner.startAndWait(PROVINCE, period, List.of(absent), out, 0.5);

        // waiting for a run gives what its thread failed with, which the stored execution no longer has
        assertThat(first.status()).isEqualTo("FAILED");
        assertThat(first.failedStep()).isEqualTo("collect");
        assertThat(first.failure()).isNotBlank();
        assertThat(history.runs(PROVINCE, period, 10)).extracting(RunRecord::id)
                .containsExactly(second.executionId(), first.executionId());
        assertThat(history.runs(PROVINCE, period, 1, 10)).extracting(RunRecord::id)
                .containsExactly(first.executionId());
        assertThat(history.countRuns(PROVINCE, period)).isEqualTo(2);
        assertThat(history.find(first.executionId())).get()
                .satisfies(run -> assertThat(run.failedStep()).isEqualTo("collect"))
                .satisfies(run -> assertThat(run.message()).isNotBlank());
        assertThat(history.latestUnfinished(PROVINCE, period)).isEqualTo(second.executionId());
        assertThat(history.output(first.executionId())).contains(out.toAbsolutePath());
        assertThat(history.sourcesToResume(first.executionId())).containsExactly(absent.masked());
        assertThat(history.resumedBy(first.executionId())).isEmpty();

        RunSummary resumed = runner.restartAndWait(first.executionId(), List.of(absent));

        assertThat(resumed.status()).isEqualTo("FAILED");
        assertThat(history.resumedBy(first.executionId())).contains(resumed.executionId());
        assertThat(history.resumedBy(resumed.executionId())).isEmpty();
        assertThat(history.runs(PROVINCE, period, 10)).extracting(RunRecord::id)
                .containsExactly(resumed.executionId(), second.executionId(), first.executionId());
    }

    @Test
    void tellsWhyAPartitionFailedRatherThanThatOneDid(@TempDir Path temp) throws Exception {
        String period = "2051-09";
        SourceLocation empty = SourceLocation.parse(Files.createDirectories(temp.resolve("empty")).toString());
        // every partition of the deduplication fails as it stores its copies; the step's own preparation does not
        jdbc.execute("""
                create function fail_partition() returns trigger language plpgsql as
                $$ begin raise exception '测试：分区写入失败'; end $$""");
        jdbc.execute("""
                create trigger fail_partition before insert on partition_deduplicated_row
                for each statement execute function fail_partition()""");
        RunSummary failed;
        try {
            failed = runner.startAndWait(PROVINCE, period, List.of(empty), temp.resolve("out"), 0.5);
        }
        finally {
            jdbc.execute("drop trigger fail_partition on partition_deduplicated_row");
            jdbc.execute("drop function fail_partition()");
        }

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failedStep()).isEqualTo("deduplicate");
        assertThat(failed.failure()).contains("测试：分区写入失败");
        // the lists show the first line of what the partition stored: the statement that failed, not the handler's words
        assertThat(history.find(failed.executionId())).get()
                .satisfies(run -> assertThat(run.failedStep()).isEqualTo("deduplicate"))
                .satisfies(run -> assertThat(run.message()).contains("SQLException")
                        .doesNotContain("Partition handler returned an unsuccessful step"));
        assertThat(history.steps(failed.executionId())).extracting(StepRecord::name)
                .containsExactly("collect", "ingest", "deduplicate");
        assertThat(history.steps(failed.executionId())).last()
                .satisfies(step -> assertThat(step.exitMessage()).contains("SQLException")
                        .doesNotContain("Partition handler returned an unsuccessful step"));
    }

    @Test
    void findsNothingToRestartInAPeriodWithoutRuns() {
        assertThat(history.runs(PROVINCE, "2051-08", 10)).isEmpty();
        assertThat(history.find(Long.MAX_VALUE)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> history.latestUnfinished(PROVINCE, "2051-08"))
                .withMessage("There is no failed execution of 630000 2051-08 to restart");
    }
}
