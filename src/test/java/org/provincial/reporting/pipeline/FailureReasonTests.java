package org.provincial.reporting.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.ExitStatus;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The reason a failed run shows, without a database: {@link StepFailedException#reason} of a live failure and
 * {@link RunHistory#headline} of the stack trace Spring Batch stores of it; those of a real failed statement are in
 * {@link RunHistoryTests}.
 */
class FailureReasonTests {

    /** Spring's wrapper of a statement PostgreSQL refused, as JdbcTemplate throws it. */
    static Exception failedStatement() {
        return new UncategorizedSQLException("PreparedStatementCallback", "select 1\nfrom stage_visits",
                new SQLException("ERROR: 测试：写入失败\n  Where: PL/pgSQL function refuse() line 3 at RAISE", "P0001"));
    }

    @Test
    void theReasonIsTheOutermostMessageThatQuotesNoStatement() {
        Exception failure = new IllegalStateException("Cannot read the pending feedback files: gone",
                new UncheckedIOException(new IOException("gone\n  and more")));

        assertThat(StepFailedException.reason(failure)).isEqualTo("Cannot read the pending feedback files: gone");
        assertThat(StepFailedException.reason(failedStatement())).isEqualTo("测试：写入失败");
        assertThat(StepFailedException.reason(new IllegalStateException(failedStatement()))).isEqualTo("测试：写入失败");
        assertThat(StepFailedException.reason(new UncheckedIOException(new IOException("gone"))))
                .isEqualTo("gone");
        assertThat(StepFailedException.reason(new IllegalStateException("从源收取失败", new NullPointerException())))
                .isEqualTo("从源收取失败");
        assertThat(StepFailedException.reason(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void aStatementQuotedWithoutItsCauseGivesTheDatabasesWordsAfterIt() {
        Exception failure = new DataIntegrityViolationException("PreparedStatementCallback; SQL [insert into region"
                + " values (?)]; ERROR: duplicate key value violates unique constraint \"region_pkey\"");

        assertThat(StepFailedException.reason(failure))
                .isEqualTo("duplicate key value violates unique constraint \"region_pkey\"");
    }

    @Test
    void theStoredTraceGivesTheFirstMessageThatQuotesNoStatement() {
        Exception failure = new IllegalStateException("Cannot read the pending feedback files: gone",
                new UncheckedIOException(new IOException("gone")));
        String stored = ExitStatus.FAILED.addExitDescription(failure).getExitDescription();
        String statement = ExitStatus.FAILED.addExitDescription(failedStatement()).getExitDescription();

        assertThat(stored.lines().filter(line -> line.startsWith("Caused by: "))).containsExactly(
                "Caused by: java.io.UncheckedIOException: java.io.IOException: gone",
                "Caused by: java.io.IOException: gone");
        assertThat(RunHistory.headline(stored)).isEqualTo("Cannot read the pending feedback files: gone");
        assertThat(statement).startsWith("org.springframework.jdbc.UncategorizedSQLException: PreparedStatementCallback;"
                + " uncategorized SQLException for SQL [select 1\nfrom stage_visits]");
        assertThat(RunHistory.headline(statement)).isEqualTo("测试：写入失败");
        // cut before its causes: Spring's words without the statement
        assertThat(RunHistory.headline(statement.substring(0, statement.indexOf("Caused by: "))))
                .isEqualTo("PreparedStatementCallback; uncategorized SQLException");
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
        IllegalStateException wrapper = new IllegalStateException("Cannot write the feedback /out/x.xlsx: denied",
                new IOException("denied"));

        assertThat(catchThrowable(() -> StepFailedException.told(() -> {
            throw own;
        }))).isSameAs(own);
        assertThat(catchThrowable(() -> StepFailedException.told(() -> {
            throw wrapper;
        }))).isSameAs(wrapper);
    }

    @Test
    void aFailedStatementIsThrownAsItsReasonWithItAsTheCause() {
        Exception statement = failedStatement();

        assertThat(catchThrowable(() -> StepFailedException.told(() -> {
            throw statement;
        }))).isInstanceOf(StepFailedException.class).hasMessage("测试：写入失败").hasCause(statement);
    }
}
