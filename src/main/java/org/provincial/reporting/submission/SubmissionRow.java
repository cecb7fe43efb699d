package org.provincial.reporting.submission;

import java.time.OffsetDateTime;

import org.provincial.reporting.reference.DisplayZone;

/** One received file with its fate and row counts, as the submissions page and API show it. */
public record SubmissionRow(long id, String submitter, String province, String dataset, String period, Integer version,
        String fileName, String format, String status, boolean counted, Integer rowsRead, Integer rowsAccepted,
        Integer rowsRejected, Integer rowsDeduplicated, OffsetDateTime receivedAt, String source, long rejections) {

    /** The same row with its time of receipt in the display zone, for the API. */
    public SubmissionRow inZone(DisplayZone zone) {
        return new SubmissionRow(id, submitter, province, dataset, period, version, fileName, format, status, counted,
                rowsRead, rowsAccepted, rowsRejected, rowsDeduplicated, receivedAt == null ? null : zone.at(receivedAt),
                source, rejections);
    }
}
