package org.provincial.reporting.publish;

import java.time.OffsetDateTime;

/** One revision of a province and period's published figures, as listed (without its workbook bytes). */
public record Publication(String province, String period, int revision, long executionId, String fileName,
        String sha256, long size, String publishedBy, OffsetDateTime publishedAt, String note) {
}
