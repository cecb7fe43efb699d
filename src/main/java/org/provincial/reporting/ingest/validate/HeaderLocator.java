package org.provincial.reporting.ingest.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.submission.RejectionCode;

import org.springframework.modulith.NamedInterface;

/**
 * Finds the header row of a file: the first offered row whose cells name every required column, each cell compared
 * after NFKC normalisation, without blanks (line breaks and U+3000 included), case-insensitively and without a trailing
 * unit in brackets such as （元） (SPEC §2.1). A column takes the first cell naming it, its canonical header before its
 * aliases before its English key. Exposed with {@link HeaderLayout} as the named interface {@code header}: the
 * feedback finds the header row of an original again to annotate it.
 */
@NamedInterface("header")
public final class HeaderLocator {

    /** The units a header may end with in brackets, and that a unit row under a header may hold. */
    private static final String UNITS = "元人家份个年";

    private final List<ColumnMapping> columns;
    /** per column, its accepted headers in the matching form, canonical header first */
    private final List<List<String>> acceptedForms;
    private final int requiredCount;
    private int[] bestIndexes;
    private int bestRequiredMatched = -1;
    private boolean found;

    public HeaderLocator(DatasetMapping mapping) {
        this.columns = mapping.columns();
        this.acceptedForms = columns.stream()
                .map(c -> c.acceptedHeaders().stream().map(HeaderLocator::headerForm).distinct().toList())
                .toList();
        this.requiredCount = mapping.requiredColumns().size();
    }

    /** Offers the next non-blank row; returns the layout when this row is the header row, else empty. */
    public Optional<HeaderLayout> offer(int rowNumber, List<String> cells) {
        Map<String, Integer> firstCellByForm = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String form = headerForm(cells.get(i));
            if (!form.isEmpty()) {
                firstCellByForm.putIfAbsent(form, i);
            }
        }
        int[] indexes = new int[columns.size()];
        Arrays.fill(indexes, -1);
        boolean[] taken = new boolean[cells.size()];
        int requiredMatched = 0;
        for (int c = 0; c < columns.size(); c++) {
            for (String form : acceptedForms.get(c)) {
                Integer cell = firstCellByForm.get(form);
                if (cell != null && !taken[cell]) {
                    indexes[c] = cell;
                    taken[cell] = true;
                    break;
                }
            }
            if (indexes[c] >= 0 && columns.get(c).required()) {
                requiredMatched++;
            }
        }
        if (requiredMatched == requiredCount) {
            found = true;
            List<String> headers = new ArrayList<>(columns.size());
            for (int index : indexes) {
                headers.add(index < 0 ? null : cells.get(index));
            }
            return Optional.of(new HeaderLayout(rowNumber, indexes, headers));
        }
        if (requiredMatched > bestRequiredMatched) {
            bestRequiredMatched = requiredMatched;
            bestIndexes = indexes;
        }
        return Optional.empty();
    }

    /**
     * Whether {@code row}, the row directly below the header row {@code header}, is the second row of a two-row
     * header: each of its non-empty cells a unit such as （元） or 元, or the header cell above it (a header cell merged
     * down over both rows).
     */
    public static boolean isUnitRow(List<String> header, List<String> row) {
        boolean unit = false;
        for (int i = 0; i < row.size(); i++) {
            String form = ValueParsers.matchingForm(row.get(i));
            if (form.isEmpty()) {
                continue;
            }
            if (isUnit(form)) {
                unit = true;
            }
            else if (i >= header.size() || !form.equals(ValueParsers.matchingForm(header.get(i)))) {
                return false;
            }
        }
        return unit;
    }

    /** The matching form of a header cell, without a trailing unit in brackets: "慰问金额（元）" reads as "慰问金额". */
    static String headerForm(String typed) {
        String form = ValueParsers.matchingForm(typed);
        int n = form.length();
        return n > 3 && isUnit(form.substring(n - 3)) ? form.substring(0, n - 3) : form;
    }

    /** "(元)" or "元" in matching form (NFKC has made full-width brackets half-width). */
    private static boolean isUnit(String form) {
        return form.length() == 1 ? UNITS.indexOf(form.charAt(0)) >= 0
                : form.length() == 3 && form.charAt(0) == '(' && form.charAt(2) == ')' && UNITS.indexOf(form.charAt(1)) >= 0;
    }

    /**
     * When no header row was found: one COLUMN_MISSING per required column the best offered row (the one naming the
     * most required columns) lacks; every required column when no row was offered. Empty once a header row was found.
     *
     * @param sheets the names of the sheets looked at, in order; empty for a CSV
     */
    public List<Violation> missingColumns(List<String> sheets) {
        if (found) {
            return List.of();
        }
        List<Violation> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnMapping column = columns.get(c);
            if (column.required() && (bestIndexes == null || bestIndexes[c] < 0)) {
                missing.add(new Violation(column.key(), column.header(), RejectionCode.COLUMN_MISSING,
                        Messages.columnMissing(column, sheets), null));
            }
        }
        return missing;
    }
}
