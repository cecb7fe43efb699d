package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.provincial.reporting.collect.CollectProperties;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.RunSummary;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Prints the closing summary of a run, and how to resume it when it failed (also when the database went away). */
final class SummaryPrinter {

    private static final int MISSING_SHOWN = 10;

    private static final int LISTED_SHOWN = 20;

    private static final String JAR = "java -jar target/provincial-reporting.jar";

    private SummaryPrinter() {
    }

    static void print(RunSummary summary, PrintWriter out) {
        print(summary, List.of(), out);
    }

    /**
     * Prints the summary; the resume command of a failed run repeats the sources given on the command line, each
     * password as a placeholder to fill in.
     */
    static void print(RunSummary summary, List<SourceLocation> given, PrintWriter out) {
        out.printf("%nRun %d of %s %s: %s%n", summary.executionId(), summary.province(), summary.period(),
                summary.status());
        out.printf("  files    received %d, counted %d, rejected %d%n", summary.filesReceived(),
                summary.filesCounted(), summary.filesRejected());
        out.printf("  rows     accepted %d, rejected %d, deduplicated %d%n", summary.rowsAccepted(),
                summary.rowsRejected(), summary.rowsDeduplicated());
        out.printf("  conflicts %d%n", summary.conflicts());
        out.printf("  checks    %d warnings (高 %d, 中 %d, 低 %d)%n", summary.checks().total(), summary.checks().high(),
                summary.checks().medium(), summary.checks().low());
        out.printf("  missing submitters %d of %d%s%n", summary.missingSubmitters().size(),
                summary.expectedSubmitters(), summary.missingSubmitters().isEmpty() ? ""
                        : ": " + String.join(", ", summary.missingSubmitters().stream().limit(MISSING_SHOWN).toList())
                        + (summary.missingSubmitters().size() > MISSING_SHOWN ? ", …" : ""));
        out.printf("  left for a later run: %d%s%n", summary.leftFiles().size(), summary.leftFiles().isEmpty() ? ""
                : " — " + String.join(", ", shown(summary.leftFiles())));
        out.printf("  feedback uploads failed: %d%n", summary.pendingUploads().size());
        if (!summary.pendingUploads().isEmpty()) {
            shown(summary.pendingUploads()).forEach(upload -> out.printf("    %s%n", upload));
            out.printf("  the feedback stays under the home (feedback/%s/); the next run of the period uploads it"
                    + " again, or now: %s feedback --upload --province %s --period %s%n", summary.period(), JAR,
                    summary.province(), summary.period());
        }
        if (summary.workbook() != null) {
            out.printf("  workbook %s%n", summary.workbook());
        }
        if (!summary.completed()) {
            if ("STOPPED".equals(summary.status())) {
                // a stop request or SIGTERM: the step ended at a clean point, nothing failed
                out.printf("%nRun %d was stopped in step '%s'%n", summary.executionId(), summary.failedStep());
            }
            else {
                out.printf("%nRun %d failed in step '%s': %s%n", summary.executionId(), summary.failedStep(),
                        summary.failure());
            }
            String sources = Passwords.sourceArguments(given);
            out.printf("Resume it with: %s restart --execution %d%s%n", JAR, summary.executionId(), sources);
            if (!sources.isEmpty()) {
                out.printf("(replace %s by the password; without --source, restart asks for it in a terminal)%n",
                        Passwords.PLACEHOLDER);
            }
        }
        out.flush();
    }

    /** Tells how collection judges a file complete and how long it waits for files still being uploaded. */
    static void printCollectionWait(CollectProperties collect, PrintWriter out) {
        out.printf("Collecting: a file is taken once its size and modification time are unchanged over %d s;"
                + " files still changing are waited for up to %d s, then left for a later run%n",
                collect.stableAfter().toSeconds(), collect.changingWait().toSeconds());
        out.flush();
    }

    /** The first entries of a list, and how many more there are. */
    private static List<String> shown(List<String> entries) {
        if (entries.size() <= LISTED_SHOWN) {
            return entries;
        }
        List<String> shown = new java.util.ArrayList<>(entries.subList(0, LISTED_SHOWN));
        shown.add("… (" + (entries.size() - LISTED_SHOWN) + " more)");
        return shown;
    }

    /**
     * Whether the failure is a lost database (unreachable, restarted, shut down mid-run): then the run cannot even
     * be summarized, and whoever runs it is told so with {@link #printDatabaseLost} rather than a bare error.
     */
    static boolean databaseLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P: the server shutting down or restarting
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells that {@code what} (e.g. "Run of 440000 2025-01") failed because the database went away, and how to
     * resume it once the database is back with {@code restart restartArguments}.
     */
    static void printDatabaseLost(String what, Throwable failure, String restartArguments, PrintWriter out) {
        out.printf("%n%s failed: the database is unreachable (%s)%n", what, innermostMessage(failure));
        out.printf("Once the database is back, resume it with: %s restart %s%n", JAR, restartArguments);
        out.flush();
    }

    private static String innermostMessage(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
    }
}
