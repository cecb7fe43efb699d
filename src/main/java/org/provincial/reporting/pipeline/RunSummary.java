package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run of a province and period ended with: its files, rows, conflicts and missing submitters, as printed
 * at the end of {@code run} and {@code restart}.
 */
public record RunSummary(long executionId, String province, String period, String status, String failedStep,
        String failure, int filesReceived, int filesCounted, int filesRejected, long rowsAccepted, long rowsRejected,
        long rowsDeduplicated, long conflicts, List<String> missingSubmitters, int expectedSubmitters,
        Path workbook) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
