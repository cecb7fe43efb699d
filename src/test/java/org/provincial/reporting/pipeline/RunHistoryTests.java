package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link RunHistory} over real executions: the list newest first, the latest unfinished one, what resumed it. */
@ReportingTest
class RunHistoryTests {

    static final String PROVINCE = "630000";

    @Autowired
    PipelineRunner runner;

    @Autowired
    RunHistory history;

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
    void findsNothingToRestartInAPeriodWithoutRuns() {
        assertThat(history.runs(PROVINCE, "2051-08", 10)).isEmpty();
        assertThat(history.find(Long.MAX_VALUE)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> history.latestUnfinished(PROVINCE, "2051-08"))
                .withMessage("There is no failed execution of 630000 2051-08 to restart");
    }
}
