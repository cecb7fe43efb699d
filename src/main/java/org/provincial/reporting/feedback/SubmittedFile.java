package org.provincial.reporting.feedback;

import java.time.OffsetDateTime;

/**
 * One received file as its submitter's feedback lists it.
 *
 * @param id           the submission's id
 * @param submitter    the directory it came from
 * @param source       the source it was collected from, password masked
 * @param fileName     the name as uploaded
 * @param dataset      null when the name does not parse
 * @param version      null when the name does not parse
 * @param format       csv, xlsx or xls; null when the name does not parse
 * @param sizeBytes    the size of the file
 * @param archivePath  where the original is kept, relative to the home
 * @param receivedAt   when it was collected (shown to people through {@code DisplayZone})
 * @param status       RECEIVED, ACCEPTED, REJECTED, DUPLICATE_FILE, NAME_INVALID or SUBMITTER_MISMATCH; LEFT for a
 *                     file left for a later run because it was still changing (its id is then the negated id of its
 *                     left_file row)
 * @param counted      whether it is the version that counts
 * @param rowsRead     data rows read, null when the file was not read
 * @param rowsAccepted rows accepted, null when the file was not read
 * @param rowsRejected rows rejected, null when the file was not read
 */
record SubmittedFile(long id, String submitter, String source, String fileName, String dataset, Integer version,
        String format, long sizeBytes, String archivePath, OffsetDateTime receivedAt, String status, boolean counted,
        Integer rowsRead, Integer rowsAccepted, Integer rowsRejected) {

    /** The file name without its extension. */
    String baseName() {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
