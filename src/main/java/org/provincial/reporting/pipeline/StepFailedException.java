package org.provincial.reporting.pipeline;

import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.springframework.batch.core.step.tasklet.Tasklet;

/**
 * A step's failure told by its reason, the message of its innermost cause: what PostgreSQL said rather than Spring's
 * wrapper around the SQL, say. Spring Batch stores a failed step's stack trace cut to 2500 characters, which the SQL
 * in such a wrapper fills before any {@code Caused by:} line, so the reason has to be the first line; the cause is
 * kept whole for the log.
 */
final class StepFailedException extends RuntimeException {

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
     * The message of the innermost cause that has one, its first line without PostgreSQL's severity (the lines after,
     * {@code Where:}, {@code Position:}, say where in the statement); the failure's type when none has a message.
     */
    static String reason(Throwable failure) {
        String message = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : firstLine(message);
    }

    /** The first line of a message, without PostgreSQL's severity. */
    static String firstLine(String message) {
        String first = message.strip().lines().findFirst().orElse("");
        return SEVERITY.matcher(first).replaceFirst("").strip();
    }
}
