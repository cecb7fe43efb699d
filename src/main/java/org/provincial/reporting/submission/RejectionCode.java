package org.provincial.reporting.submission;

/**
 * Why a row or a whole file is rejected: the SPEC §4 row codes, then the file-level ones; ROW_IGNORED notes a summary
 * or signature row that was skipped, which is not an error (SPEC §2.1).
 */
public enum RejectionCode {
    REQUIRED_MISSING,
    REGION_UNKNOWN,
    REGION_OUT_OF_JURISDICTION,
    ID_INVALID,
    CREDIT_CODE_INVALID,
    DATE_INVALID,
    DATE_OUT_OF_PERIOD,
    NUMBER_INVALID,
    NEGATIVE,
    OVER_CAP,
    VALUE_UNKNOWN,
    DUPLICATE_ROW,
    ROW_IGNORED,
    COLUMN_MISSING,
    EMPTY,
    TOO_MANY_INVALID,
    UNREADABLE,
    NAME_INVALID,
    SUBMITTER_MISMATCH,
    DUPLICATE_FILE
}
