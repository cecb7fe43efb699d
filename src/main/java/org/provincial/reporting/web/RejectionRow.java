package org.provincial.reporting.web;

/** One reason a file or a row was rejected; {@code rowNo} is null for a whole-file reason. */
record RejectionRow(Integer rowNo, String columnHeader, String code, String message, String value) {
}
