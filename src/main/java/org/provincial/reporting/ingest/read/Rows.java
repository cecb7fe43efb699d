package org.provincial.reporting.ingest.read;

import java.util.List;

/** The rule every reader applies to a row's cells: trailing empty cells are dropped and blank rows are skipped. */
final class Rows {

    private Rows() {
    }

    /** The row with its trailing empty cells dropped, or null when every cell is empty or whitespace. */
    static SheetRow nonBlank(int rowNumber, List<String> cells) {
        int end = cells.size();
        while (end > 0 && cells.get(end - 1).isEmpty()) {
            end--;
        }
        List<String> kept = cells.subList(0, end);
        return kept.stream().allMatch(String::isBlank) ? null : new SheetRow(rowNumber, kept);
    }
}
