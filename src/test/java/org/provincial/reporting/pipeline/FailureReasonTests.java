package org.provincial.reporting.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.ExitStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The reason a failed run shows, without a database: {@link StepFailedException#reason} of a live failure and
 * {@link RunHistory#headline} of the stack trace Spring Batch stores of it; those of a real failed statement are in
 * {@link RunHistoryTests}.
 */
class FailureReasonTests {

    @Test
    void theReasonIsTheMessageOfTheInnermostCauseThatHasOne() {
        Exception failure = new IllegalStateException("Cannot read the pending feedback files: gone",
                new UncheckedIOException(new IOException("gone\n  and more")));

        assertThat(StepFailedException.reason(failure)).isEqualTo("gone");
        assertThat(StepFailedException.reason(new IllegalStateException("从源收取失败", new NullPointerException())))
                .isEqualTo("从源收取失败");
        assertThat(StepFailedException.reason(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void theStoredTraceGivesTheMessageOfItsLastCause() {
        Exception failure = new IllegalStateException("Cannot read the pending feedback files: gone",
                new UncheckedIOException(new IOException("gone")));
        String stored = ExitStatus.FAILED.addExitDescription(failure).getExitDescription();

        assertThat(stored.lines().filter(line -> line.startsWith("Caused by: "))).containsExactly(
                "Caused by: java.io.UncheckedIOException: java.io.IOException: gone",
                "Caused by: java.io.IOException: gone");
        assertThat(RunHistory.headline(stored)).isEqualTo("gone");
        // cut before its causes, the first line
        assertThat(RunHistory.headline(stored.substring(0, stored.indexOf("Caused by: "))))
                .isEqualTo("Cannot read the pending feedback files: gone");
    }

    @Test
    void aMessageThatIsNotAStackTraceIsShownAsItIs() {
        assertThat(RunHistory.headline("2 个反馈未能上传；其余已上传\n第二行")).isEqualTo("2 个反馈未能上传；其余已上传");
        assertThat(RunHistory.headline(" ")).isNull();
        assertThat(RunHistory.headline(null)).isNull();
    }

    @Test
    void aFailureThatGivesItsReasonIsThrownAsItIs() {
        IllegalStateException own = new IllegalStateException("所有反馈都未能上传（1 个）");

        assertThat(catchThrowable(() -> StepFailedException.told(() -> {
            throw own;
        }))).isSameAs(own);
    }

    @Test
    void anotherIsThrownAsItsReasonWithItAsTheCause() {
        IllegalStateException wrapper = new IllegalStateException("Cannot write the feedback: /out/x.xlsx",
                new IOException("/out/x.xlsx (Permission denied)"));

        assertThat(catchThrowable(() -> StepFailedException.told(() -> {
            throw wrapper;
        }))).isInstanceOf(StepFailedException.class).hasMessage("/out/x.xlsx (Permission denied)")
                .hasCause(wrapper);
    }
}
