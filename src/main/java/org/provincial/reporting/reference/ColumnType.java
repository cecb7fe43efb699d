package org.provincial.reporting.reference;

/** How a column's typed text is read and checked; named in lower case in the mapping YAML. */
public enum ColumnType {
    /** a GB/T 2260 region code in the reference and within the submitter's jurisdiction */
    REGION,
    /** an 18-character resident ID (GB 11643), upper-cased */
    RESIDENT_ID,
    /** an 18-character unified social credit code (GB 32100), upper-cased */
    CREDIT_CODE,
    /** either of the two above */
    RESIDENT_ID_OR_CREDIT_CODE,
    /** free text, trimmed */
    TEXT,
    /** upper-cased, trimmed identifier without a check rule (voucher numbers) */
    IDENTIFIER,
    /** one of the listed values, stored as its key */
    ENUM,
    /** a calendar date in one of the accepted forms */
    DATE,
    /** yuan with at most 2 decimals */
    MONEY,
    /** a whole number */
    COUNT,
    /** a decimal number */
    DECIMAL;

    /** True for the types whose values may be resident IDs: stored as keyed hashes beside their masked form. */
    public boolean holdsResidentIds() {
        return this == RESIDENT_ID || this == RESIDENT_ID_OR_CREDIT_CODE;
    }

    /** True for the types stored as text: rows are grouped by them byte by byte ({@code collate "C"}). */
    public boolean storedAsText() {
        return switch (this) {
            case DATE, MONEY, COUNT, DECIMAL -> false;
            default -> true;
        };
    }
}
