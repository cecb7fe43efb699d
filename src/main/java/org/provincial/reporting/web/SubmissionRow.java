package org.provincial.reporting.web;

import java.time.OffsetDateTime;

/** One received file with its fate and row counts, as the submissions page and API show it. */
record SubmissionRow(long id, String submitter, String province, String dataset, String period, Integer version,
        String fileName, String format, String status, boolean counted, Integer rowsRead, Integer rowsAccepted,
        Integer rowsRejected, Integer rowsDeduplicated, OffsetDateTime receivedAt, String source, long rejections) {
}
