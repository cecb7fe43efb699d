package org.provincial.reporting.cli;

import java.io.PrintWriter;

import org.provincial.reporting.pipeline.RunSummary;

/** Prints the closing summary of a run, and how to resume it when it failed. */
final class SummaryPrinter {

    private static final int MISSING_SHOWN = 10;

    private SummaryPrinter() {
    }

    static void print(RunSummary summary, PrintWriter out) {
        out.printf("%nRun %d of %s %s: %s%n", summary.executionId(), summary.province(), summary.period(),
                summary.status());
        out.printf("  files    received %d, counted %d, rejected %d%n", summary.filesReceived(),
                summary.filesCounted(), summary.filesRejected());
        out.printf("  rows     accepted %d, rejected %d, deduplicated %d%n", summary.rowsAccepted(),
                summary.rowsRejected(), summary.rowsDeduplicated());
        out.printf("  conflicts %d%n", summary.conflicts());
        out.printf("  missing submitters %d of %d%s%n", summary.missingSubmitters().size(),
                summary.expectedSubmitters(), summary.missingSubmitters().isEmpty() ? ""
                        : ": " + String.join(", ", summary.missingSubmitters().stream().limit(MISSING_SHOWN).toList())
                        + (summary.missingSubmitters().size() > MISSING_SHOWN ? ", …" : ""));
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
            out.printf("Resume it with: java -jar target/provincial-reporting.jar restart --execution %d%n",
                    summary.executionId());
        }
        out.flush();
    }
}
