package org.provincial.reporting.publish;

import java.time.OffsetDateTime;

/**
 * One revision of a province and period's published figures, as listed (without its workbook bytes): the period a
 * month ({@code 2025-01}) with the run published, or a range ({@code 2024-12/2025-02}) with none ({@code executionId}
 * null).
 */
public record Publication(String province, String period, int revision, Long executionId, String fileName,
        String sha256, long size, String publishedBy, OffsetDateTime publishedAt, String note) {
}
