package org.provincial.reporting.ingest.validate;

import org.provincial.reporting.submission.RejectionCode;

/**
 * One reason a row (or a file) is rejected.
 *
 * @param columnKey    the mapping column's key; null for a row- or file-level reason
 * @param columnHeader the header as typed in the file (the canonical header for COLUMN_MISSING); null for a row- or
 *                     file-level reason
 * @param code         the reason
 * @param message      what is wrong and how to fix it, in plain Chinese; resident IDs in it are masked
 * @param value        the cell text exactly as typed ("" for an absent cell), masked in a column that may hold
 *                     resident IDs; null for a row- or file-level reason
 */
public record Violation(String columnKey, String columnHeader, RejectionCode code, String message, String value) {
}
