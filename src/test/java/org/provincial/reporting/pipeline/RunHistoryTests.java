package org.provincial.reporting.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.batch.core.ExitStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link RunHistory} over real executions: the list newest first, the latest unfinished one, what resumed it, and a
 * partitioned step's failure told by its partition, in PostgreSQL's words rather than Spring's around the statement.
 */
@ReportingTest
class RunHistoryTests {

    static final String PROVINCE = "630000";

    /** What the statements that fail in these tests raise. */
    static final String REASON = "测试：分区写入失败";

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
                $$ begin raise exception '%s'; end $$""".formatted(REASON));
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
        assertThat(failed.failure()).isEqualTo(REASON);
        // the partition stored its failure with the reason first, before Spring's words around the statement
        assertThat(jdbc.queryForObject("""
                select exit_message from batch_step_execution
                where job_execution_id = ? and step_name like 'deduplicate:partition%'
                order by step_execution_id limit 1""", String.class, failed.executionId()))
                .startsWith(StepFailedException.class.getName() + ": " + REASON + "\n")
                .contains("PreparedStatementCallback; uncategorized SQLException for SQL [");
        // the lists and the steps show what PostgreSQL said, not the handler's words nor the statement
        assertThat(history.find(failed.executionId())).get()
                .satisfies(run -> assertThat(run.failedStep()).isEqualTo("deduplicate"))
                .satisfies(run -> assertThat(run.message()).isEqualTo(REASON));
        List<StepRecord> steps = history.steps(failed.executionId());
        assertThat(steps).extracting(StepRecord::name).containsExactly("collect", "ingest", "deduplicate");
        assertThat(steps.get(2).exitMessage()).isEqualTo(REASON);
        assertThat(List.of(failed.failure(), history.find(failed.executionId()).orElseThrow().message(),
                steps.get(2).exitMessage()))
                .allSatisfy(shown -> assertThat(shown).doesNotContain("PreparedStatementCallback", "SQL [",
                        "uncategorized", "Partition handler returned an unsuccessful step"));
    }

    @Test
    void readsWhatPostgresqlSaidInTheStoredStackTraceOfAFailedStatement() throws Exception {
        // a statement over several lines, as the steps' are, that PostgreSQL refuses in its own words
        String statement = """
                do $$
                begin
                    raise exception '%s';
                end $$""".formatted(REASON);
        Throwable failure = catchThrowable(() -> jdbc.execute(statement));
        // what Spring Batch stores of a failed step: its stack trace
        String stored = ExitStatus.FAILED.addExitDescription(failure).getExitDescription();

        assertThat(failure).isInstanceOf(DataAccessException.class);
        assertThat(StepFailedException.reason(failure)).isEqualTo(REASON);
        assertThat(stored).startsWith("org.springframework.jdbc.UncategorizedSQLException: StatementCallback;"
                + " uncategorized SQLException for SQL [do $$\n")
                .contains("\nCaused by: org.postgresql.util.PSQLException: ERROR: " + REASON + "\n  Where: ");
        assertThat(RunHistory.headline(stored)).isEqualTo(REASON);
        // cut before the cause, as Spring Batch cuts a long statement's: Spring's words without the statement
        assertThat(RunHistory.headline(stored.substring(0, stored.indexOf("Caused by: "))))
                .isEqualTo("StatementCallback; uncategorized SQLException");

        // told by its reason, the failure's first line is that reason, however little of the rest is kept
        Throwable told = catchThrowable(() -> StepFailedException.told(() -> jdbc.update(statement)));
        String toldStored = ExitStatus.FAILED.addExitDescription(told).getExitDescription();

        assertThat(told).isInstanceOf(StepFailedException.class).hasMessage(REASON)
                .hasCauseInstanceOf(DataAccessException.class);
        assertThat(RunHistory.headline(toldStored)).isEqualTo(REASON);
        assertThat(RunHistory.headline(toldStored.substring(0, toldStored.indexOf("Caused by: ") + 200)))
                .isEqualTo(REASON);
    }

    @Test
    void findsNothingToRestartInAPeriodWithoutRuns() {
        assertThat(history.runs(PROVINCE, "2051-08", 10)).isEmpty();
        assertThat(history.find(Long.MAX_VALUE)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> history.latestUnfinished(PROVINCE, "2051-08"))
                .withMessage("There is no failed execution of 630000 2051-08 to restart");
    }
}
