package org.provincial.reporting.ingest.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/**
 * The merged ranges of one sheet, applied to its rows as they stream by in order: every cell of a range holds the text
 * of the range's top-left cell (SPEC §2.1), and remembers which cell that is.
 */
final class MergedCells {

    static final MergedCells NONE = new MergedCells(List.of());

    /** Ranges of more than one cell, by first row. */
    private final CellRangeAddress[] ranges;
    private final String[] topLeftTexts;
    private final List<Integer> active = new ArrayList<>();
    private int nextRange;

    MergedCells(List<CellRangeAddress> merged) {
        this.ranges = merged.stream().filter(range -> range.getNumberOfCells() > 1)
                .sorted(Comparator.comparingInt(CellRangeAddress::getFirstRow))
                .toArray(CellRangeAddress[]::new);
        this.topLeftTexts = new String[ranges.length];
    }

    /**
     * The row (1-based {@code rowNumber}) with its merged cells filled in, or null when it is blank: a row whose only
     * texts come from ranges that start above it is blank too.
     */
    SheetRow row(int rowNumber, List<String> cells) {
        if (ranges.length == 0) {
            return Rows.nonBlank(rowNumber, cells);
        }
        int rowIndex = rowNumber - 1;
        while (nextRange < ranges.length && ranges[nextRange].getFirstRow() <= rowIndex) {
            CellRangeAddress range = ranges[nextRange];
            int column = range.getFirstColumn();
            topLeftTexts[nextRange] = range.getFirstRow() == rowIndex && column < cells.size() ? cells.get(column) : "";
            active.add(nextRange++);
        }
        active.removeIf(range -> ranges[range].getLastRow() < rowIndex);
        SheetRow own = Rows.nonBlank(rowNumber, cells);
        if (own == null || active.isEmpty()) {
            return own;
        }
        List<String> filled = new ArrayList<>(cells);
        Map<Integer, String> mergedFrom = new HashMap<>();
        for (int index : active) {
            CellRangeAddress range = ranges[index];
            String topLeft = new CellReference(range.getFirstRow(), range.getFirstColumn()).formatAsString();
            for (int column = range.getFirstColumn(); column <= range.getLastColumn(); column++) {
                if (rowIndex == range.getFirstRow() && column == range.getFirstColumn()) {
                    continue;
                }
                while (filled.size() <= column) {
                    filled.add("");
                }
                filled.set(column, topLeftTexts[index]);
                mergedFrom.put(column, topLeft);
            }
        }
        SheetRow row = Rows.nonBlank(rowNumber, filled);
        mergedFrom.keySet().removeIf(column -> column >= row.cells().size());
        return new SheetRow(rowNumber, row.cells(), mergedFrom);
    }
}
