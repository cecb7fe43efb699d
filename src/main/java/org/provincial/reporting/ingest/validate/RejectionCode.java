package org.provincial.reporting.ingest.validate;

/** Why a row or a whole file is rejected: the SPEC §4 row codes, then the file-level ones. */
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
    COLUMN_MISSING,
    EMPTY,
    TOO_MANY_INVALID,
    UNREADABLE,
    NAME_INVALID,
    SUBMITTER_MISMATCH,
    DUPLICATE_FILE
}
