package org.provincial.reporting.submission;

/**
 * Where a submission stands, as the {@code submission.status} column holds it (by name): registered by the collection
 * (RECEIVED, or rejected whole at once), then concluded by the ingest (ACCEPTED or REJECTED).
 */
public enum SubmissionStatus {
    /** collected and archived, waiting to be ingested */
    RECEIVED,
    /** ingested: its valid rows are staged */
    ACCEPTED,
    /** ingested and rejected whole: unreadable, no header, too many invalid rows */
    REJECTED,
    /** the same bytes came before from the same submitter for the same dataset and period */
    DUPLICATE_FILE,
    /** its name breaks the naming rule or it lies outside a submitter's directory */
    NAME_INVALID,
    /** its name names another submitter than the directory it lies in */
    SUBMITTER_MISMATCH
}
