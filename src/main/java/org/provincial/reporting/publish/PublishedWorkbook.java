package org.provincial.reporting.publish;

/** The workbook bytes of a revision, their checksum verified, to download. */
public record PublishedWorkbook(Publication publication, byte[] bytes) {
}
