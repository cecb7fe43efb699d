package org.provincial.reporting.ingest;

/** What ingesting one submission gave: its data rows, how many were accepted and rejected, and its fate. */
public record IngestOutcome(long submissionId, String fileName, int rowsRead, int rowsAccepted, int rowsRejected,
        String status) {
}
