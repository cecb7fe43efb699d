package org.provincial.reporting.ingest.validate;

import java.util.List;

/**
 * The outcome of validating one data row.
 *
 * @param rowNumber  the 1-based row number a person sees in the file
 * @param values     per mapping column (index as in {@code mapping.columns()}) the canonical value: String (region
 *                   codes, upper-cased IDs, enum keys, trimmed text), LocalDate, BigDecimal (money at scale 2,
 *                   decimals) or Long (counts); null where empty or invalid
 * @param violations every reason the row is rejected, empty when it is valid
 */
public record ValidatedRow(int rowNumber, Object[] values, List<Violation> violations) {

    public boolean valid() {
        return violations.isEmpty();
    }
}
