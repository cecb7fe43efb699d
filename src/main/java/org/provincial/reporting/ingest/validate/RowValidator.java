package org.provincial.reporting.ingest.validate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.EnumValue;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.submission.RejectionCode;

/**
 * Checks the data rows of one submission against its dataset mapping (SPEC §4) and turns each cell into its canonical
 * value; a row gets every reason that applies, at most one per column and code. Immutable and thread-safe.
 */
public final class RowValidator {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final RegionReference regions;
    private final String submitter;
    private final String submitterName;
    private final YearMonth period;
    private final Column[] columns;

    /**
     * @param submitter the submitting region code (the FTP directory)
     * @param period    the month of the submission
     */
    public RowValidator(DatasetMapping mapping, RegionReference regions, String submitter, YearMonth period) {
        this.regions = regions;
        this.submitter = submitter;
        this.submitterName = regions.find(submitter).map(Region::name).orElse(null);
        this.period = period;
        List<ColumnMapping> mapped = mapping.columns();
        this.columns = new Column[mapped.size()];
        for (int i = 0; i < columns.length; i++) {
            ColumnMapping column = mapped.get(i);
            int capBy = column.capBy() == null ? -1 : mapping.indexOf(column.capBy());
            columns[i] = new Column(column, Messages.label(column), unit(column), enumLookup(column), capBy,
                    capBy < 0 ? null : mapped.get(capBy));
        }
    }

    public ValidatedRow validate(int rowNumber, List<String> cells, HeaderLayout layout) {
        Object[] values = new Object[columns.length];
        Checks checks = new Checks(layout);
        for (int i = 0; i < columns.length; i++) {
            values[i] = checks.value(i, cell(cells, layout, i));
        }
        for (int i = 0; i < columns.length; i++) {
            Column column = columns[i];
            if (column.capByIndex >= 0 && values[i] instanceof BigDecimal amount && values[column.capByIndex] instanceof String key) {
                BigDecimal cap = column.mapping.caps().get(key);
                if (cap != null && amount.compareTo(cap) > 0) {
                    String capLabel = column.capByColumn.value(key).map(EnumValue::label).orElse(key);
                    checks.reject(i, RejectionCode.OVER_CAP, Messages.overCap(column.label, capLabel, cap), cell(cells, layout, i));
                    values[i] = null;
                }
            }
        }
        return new ValidatedRow(rowNumber, values, checks.violations == null ? List.of() : checks.violations);
    }

    /** The cell text of a mapping column as typed, "" when the column is absent or the row is shorter. */
    private static String cell(List<String> cells, HeaderLayout layout, int column) {
        int at = layout.columnIndexes()[column];
        String typed = at >= 0 && at < cells.size() ? cells.get(at) : null;
        return typed == null ? "" : typed;
    }

    /** The unit in brackets that ends the canonical header ("合同期限（年）" → 年), 0 when there is none. */
    private static char unit(ColumnMapping column) {
        String label = Messages.label(column);
        String header = column.header();
        return header.length() == label.length() + 3 ? header.charAt(label.length() + 1) : 0;
    }

    private static Map<String, String> enumLookup(ColumnMapping column) {
        Map<String, String> lookup = new HashMap<>();
        for (EnumValue value : column.values()) {
            lookup.putIfAbsent(value.key().toLowerCase(Locale.ROOT), value.key());
            for (String label : value.labels()) {
                lookup.putIfAbsent(ValueParsers.matchingForm(label), value.key());
            }
        }
        return lookup;
    }

    /** A mapping column with what its checks need, prepared once. */
    private record Column(ColumnMapping mapping, String label, char unit, Map<String, String> enumKeys, int capByIndex,
            ColumnMapping capByColumn) {
    }

    /** The checks of one row: collects its violations. */
    private final class Checks {

        private final HeaderLayout layout;
        private List<Violation> violations;

        Checks(HeaderLayout layout) {
            this.layout = layout;
        }

        void reject(int column, RejectionCode code, String message, String value) {
            if (violations == null) {
                violations = new ArrayList<>(4);
            }
            ColumnMapping mapping = columns[column].mapping;
            // an invalid ID may still be someone's (one digit mistyped): never kept in clear either
            String kept = mapping.type().holdsResidentIds() ? ResidentIds.mask(value) : value;
            violations.add(new Violation(mapping.key(), layout.headersAsTyped().get(column), code, message, kept));
        }

        /** The canonical value of the cell, null when it is empty or invalid (a violation is then recorded if due). */
        Object value(int i, String cell) {
            Column column = columns[i];
            ColumnMapping mapping = column.mapping;
            if (mapping.type() == ColumnType.ENUM) {
                String key = column.enumKeys.get(cell); // the common case: a listed label typed exactly
                if (key != null) {
                    return key;
                }
            }
            String text = switch (mapping.type()) {
                case TEXT -> ValueParsers.trim(cell);
                case IDENTIFIER -> ValueParsers.normalize(cell).toUpperCase(Locale.ROOT);
                case RESIDENT_ID, CREDIT_CODE, RESIDENT_ID_OR_CREDIT_CODE ->
                        ValueParsers.compactId(ValueParsers.normalize(cell)).toUpperCase(Locale.ROOT);
                default -> ValueParsers.normalize(cell);
            };
            if (!mapping.required() && ValueParsers.isPlaceholder(text)) {
                return null;
            }
            if (text.isEmpty()) {
                if (mapping.required()) {
                    reject(i, RejectionCode.REQUIRED_MISSING, Messages.requiredMissing(column.label), cell);
                }
                return null;
            }
            return switch (mapping.type()) {
                case TEXT, IDENTIFIER -> text;
                case REGION -> region(i, text, cell);
                case RESIDENT_ID -> residentId(i, text, cell, column.label);
                case CREDIT_CODE -> creditCode(i, text, cell, column.label);
                case RESIDENT_ID_OR_CREDIT_CODE -> residentIdOrCreditCode(i, text, cell);
                case ENUM -> enumKey(i, text, cell);
                case DATE -> date(i, text, cell);
                case MONEY -> money(i, text, cell);
                case COUNT -> count(i, text, cell);
                case DECIMAL -> decimal(i, text, cell);
            };
        }

        private String region(int i, String typed, String cell) {
            String label = columns[i].label;
            // a 12-digit statistical code of a county or above ends in six zeros: its first six are the region code
            String code = typed.length() == 12 && typed.endsWith("000000") ? typed.substring(0, 6) : typed;
            if (code.length() != 6 || !ValueParsers.allDigits(code, 0, 6)) {
                reject(i, RejectionCode.REGION_UNKNOWN, Messages.regionMalformed(label), cell);
                return null;
            }
            Optional<Region> region = regions.find(code);
            if (region.isEmpty()) {
                reject(i, RejectionCode.REGION_UNKNOWN, Messages.regionUnknown(label, code), cell);
                return null;
            }
            if (!regions.isWithin(code, submitter)) {
                reject(i, RejectionCode.REGION_OUT_OF_JURISDICTION,
                        Messages.regionOutOfJurisdiction(label, region.get(), submitter, submitterName), cell);
                return null;
            }
            return region.get().code();
        }

        private String residentId(int i, String id, String cell, String label) {
            ResidentIds.Problem problem = ResidentIds.check(id);
            if (problem != ResidentIds.Problem.NONE) {
                reject(i, RejectionCode.ID_INVALID, ValueParsers.isScientific(id) ? Messages.idFromNumberCell(label)
                        : Messages.residentId(label, problem, id.length()), cell);
                return null;
            }
            return id;
        }

        private String creditCode(int i, String code, String cell, String label) {
            CreditCodes.Problem problem = CreditCodes.check(code);
            if (problem != CreditCodes.Problem.NONE) {
                reject(i, RejectionCode.CREDIT_CODE_INVALID, ValueParsers.isScientific(code)
                        ? Messages.idFromNumberCell(label) : Messages.creditCode(label, problem, code.length()), cell);
                return null;
            }
            return code;
        }

        private String residentIdOrCreditCode(int i, String id, String cell) {
            if (ResidentIds.isValid(id) || CreditCodes.isValid(id)) {
                return id;
            }
            String label = columns[i].label;
            if (ValueParsers.isScientific(id)) {
                reject(i, RejectionCode.ID_INVALID, Messages.idFromNumberCell(label), cell);
                return null;
            }
            boolean personal = ResidentIds.looksPersonal(id);
            if (id.length() != 18) {
                reject(i, personal ? RejectionCode.ID_INVALID : RejectionCode.CREDIT_CODE_INVALID,
                        Messages.idOrCreditCodeLength(label, id.length()), cell);
                return null;
            }
            return personal ? residentId(i, id, cell, label + "（身份证号）") : creditCode(i, id, cell, label + "（统一社会信用代码）");
        }

        private String enumKey(int i, String text, String cell) {
            Column column = columns[i];
            String key = column.enumKeys.get(ValueParsers.withoutBlanksLowerCase(text));
            if (key == null) {
                reject(i, RejectionCode.VALUE_UNKNOWN, Messages.valueUnknown(column.label, cell, column.mapping.values()), cell);
            }
            return key;
        }

        private LocalDate date(int i, String text, String cell) {
            Column column = columns[i];
            Optional<LocalDate> date = ValueParsers.parseNormalizedDate(text);
            if (date.isEmpty()) {
                reject(i, RejectionCode.DATE_INVALID, ValueParsers.isDayOfMonthWithoutYear(text)
                        ? Messages.dateWithoutYear(column.label, cell) : Messages.dateInvalid(column.label, cell), cell);
                return null;
            }
            LocalDate day = date.get();
            if (column.mapping.withinPeriod() && (day.getYear() != period.getYear() || day.getMonthValue() != period.getMonthValue())) {
                reject(i, RejectionCode.DATE_OUT_OF_PERIOD, Messages.dateOutOfPeriod(column.label, day, period), cell);
                return null;
            }
            return day;
        }

        private BigDecimal money(int i, String text, String cell) {
            Column column = columns[i];
            BigDecimal amount = number(i, text, cell);
            if (amount == null) {
                return null;
            }
            boolean valid = true;
            if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
                reject(i, RejectionCode.NUMBER_INVALID, Messages.tooManyDecimals(column.label), cell);
                valid = false;
            }
            return atLeastMinimum(i, amount, cell) && valid ? amount.setScale(2, RoundingMode.UNNECESSARY) : null;
        }

        private Long count(int i, String text, String cell) {
            Column column = columns[i];
            BigDecimal count = number(i, text, cell);
            if (count == null) {
                return null;
            }
            boolean valid = true;
            if (count.scale() > 0 && count.stripTrailingZeros().scale() > 0) {
                reject(i, RejectionCode.NUMBER_INVALID, Messages.notWhole(column.label, cell), cell);
                valid = false;
            }
            else if (count.compareTo(LONG_MIN) < 0 || count.compareTo(LONG_MAX) > 0) {
                reject(i, RejectionCode.NUMBER_INVALID, Messages.numberInvalid(column.label, cell), cell);
                valid = false;
            }
            return atLeastMinimum(i, count, cell) && valid ? count.longValueExact() : null;
        }

        private BigDecimal decimal(int i, String text, String cell) {
            BigDecimal value = number(i, text, cell);
            return value != null && atLeastMinimum(i, value, cell) ? value : null;
        }

        private BigDecimal number(int i, String text, String cell) {
            Optional<BigDecimal> number = ValueParsers.parseNormalizedNumber(text);
            if (number.isPresent()) {
                return number.get();
            }
            Column column = columns[i];
            int end = text.length() - 1;
            if (column.unit != 0 && column.unit != '元' && column.unit != '人' && text.charAt(end) == column.unit) {
                // the unit of the header typed after the value: 合同期限 "3年"
                number = ValueParsers.parseNormalizedNumber(ValueParsers.trim(text.substring(0, end)));
                if (number.isPresent()) {
                    return number.get();
                }
            }
            Optional<BigDecimal> tenThousands = column.mapping.type() == ColumnType.MONEY ? inTenThousands(text) : Optional.empty();
            reject(i, RejectionCode.NUMBER_INVALID, tenThousands.isPresent()
                    ? Messages.inTenThousands(column.label, cell, tenThousands.get())
                    : Messages.numberInvalid(column.label, cell), cell);
            return null;
        }

        /** The amount in 元 of a value typed in 万元 ("20万", "1.5万元"), empty when it is not one. */
        private static Optional<BigDecimal> inTenThousands(String text) {
            int unit = text.endsWith("万元") ? text.length() - 2 : text.endsWith("万") ? text.length() - 1 : -1;
            return unit <= 0 ? Optional.empty() : ValueParsers.parseNormalizedNumber(ValueParsers.trim(text.substring(0, unit)))
                    .map(amount -> amount.movePointRight(4).stripTrailingZeros())
                    .map(amount -> amount.scale() < 0 ? amount.setScale(0) : amount);
        }

        private boolean atLeastMinimum(int i, BigDecimal value, String cell) {
            Column column = columns[i];
            BigDecimal minimum = column.mapping.minimum();
            if (minimum != null && value.compareTo(minimum) < 0) {
                reject(i, RejectionCode.NEGATIVE, Messages.belowMinimum(column.label, minimum, value), cell);
                return false;
            }
            return true;
        }
    }
}
