package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.util.List;

import org.provincial.reporting.checks.CheckCounts;

/**
 * What a run of a province and period ended with: its files, rows, conflicts, check warnings and missing submitters,
 * the files left for a later run and the feedback uploads still pending, as printed at the end of {@code run} and
 * {@code restart}.
 *
 * @param leftFiles      files still changing when the collection's wait ended, not received since: "path (source)"
 * @param pendingUploads feedback uploads that failed and are pending: "submitter → source: reason"
 */
public record RunSummary(long executionId, String province, String period, String status, String failedStep,
        String failure, int filesReceived, int filesCounted, int filesRejected, long rowsAccepted, long rowsRejected,
        long rowsDeduplicated, long conflicts, List<String> missingSubmitters, int expectedSubmitters,
        Path workbook, CheckCounts checks, List<String> leftFiles, List<String> pendingUploads) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
