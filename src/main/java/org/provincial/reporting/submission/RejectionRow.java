package org.provincial.reporting.submission;

/** One reason a file or a row was rejected; {@code rowNo} is null for a whole-file reason. */
public record RejectionRow(Integer rowNo, String columnHeader, String code, String message, String value) {
}
