package org.provincial.reporting.pipeline;

import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.step.tasklet.Tasklet;

/**
 * A step's failure told by its reason: what PostgreSQL said rather than Spring's wrapper around the SQL, say. Spring
 * Batch stores a failed step's stack trace cut to 2500 characters, which the SQL in such a wrapper fills before any
 * {@code Caused by:} line, so the reason has to be the first line; the cause is kept whole for the log.
 */
final class StepFailedException extends RuntimeException {

    /** Where Spring's message of a failed statement quotes it: {@code …; uncategorized SQLException for SQL [select …}. */
    static final Pattern QUOTED_SQL = Pattern.compile("\\bSQL (grammar )?\\[");

    /**
     * The class name that starts a line of a stack trace, or a message made of a cause's:
     * {@code some.package.SomeException: }.
     */
    private static final Pattern EXCEPTION_CLASS =
            Pattern.compile("^([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error|Throwable)(: )?");

    /** The severity PostgreSQL puts before its message ({@code ERROR: }). */
    private static final Pattern SEVERITY = Pattern.compile("^(ERROR|FATAL|PANIC): ");

    private StepFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The tasklet with its failures told by their reason. */
    static Tasklet told(Tasklet tasklet) {
        return (contribution, chunkContext) -> told(() -> tasklet.execute(contribution, chunkContext));
    }

    /** What {@code work} returns; a failure whose message is not its reason is thrown as one that is. */
    static <T> T told(Callable<T> work) throws Exception {
        try {
            return work.call();
        }
        catch (Exception e) {
            String reason = reason(e);
            if (reason.equals(e.getMessage())) {
                throw e;
            }
            throw new StepFailedException(reason, e);
        }
    }

    /**
     * The reason of a failure: the message of the outermost exception of its chain that has one and quotes no SQL
     * statement (an application's message keeps what it was doing, "Cannot write the workbook …: No space left";
     * Spring's wrapper of a failed statement quotes the statement, and the database's words are its cause's), as
     * {@link #firstLine}; the first message without its statement when every one quotes it; the failure's type when
     * none has a message.
     */
    static String reason(Throwable failure) {
        String quoting = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            if (!QUOTED_SQL.matcher(message).find()) {
                return firstLine(message);
            }
            quoting = quoting == null ? message : quoting;
        }
        return quoting != null ? firstLine(withoutStatement(quoting)) : failure.getClass().getSimpleName();
    }

    /**
     * The first line of a message without an exception's class name before it or PostgreSQL's severity (the lines
     * after, {@code Where:}, {@code Position:}, say where in the statement).
     */
    static String firstLine(String message) {
        String first = message.strip().lines().findFirst().orElse("");
        return SEVERITY.matcher(EXCEPTION_CLASS.matcher(first).replaceFirst("")).replaceFirst("").strip();
    }

    /**
     * Spring's message of a failed statement without the statement: the database's message after it when the message
     * holds it, else Spring's words before it.
     */
    static String withoutStatement(String message) {
        Matcher sql = QUOTED_SQL.matcher(message);
        if (!sql.find()) {
            return message;
        }
        int end = message.lastIndexOf("]; ");
        return end > sql.start() ? message.substring(end + "]; ".length())
                : message.substring(0, sql.start()).replaceFirst("[;\\s]*(for|bad)?\\s*$", "");
    }
}
