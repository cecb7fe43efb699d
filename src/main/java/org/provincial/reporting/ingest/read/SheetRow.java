package org.provincial.reporting.ingest.read;

import java.util.List;
import java.util.Map;

/**
 * One non-blank row of a submitted file, numbered as a person sees it (1-based, title, header and blank rows counted).
 *
 * @param rowNumber the row number shown in Excel, or the 1-based record index in a CSV
 * @param cells the texts as typed or shown, never null (an empty cell is ""), trailing empty cells omitted; a cell
 *     inside a merged range holds the text of the range's top-left cell
 * @param mergedFrom per 0-based column whose text was taken from a merged range's top-left cell elsewhere, that cell's
 *     reference as Excel shows it ("A5"); empty for most rows
 */
public record SheetRow(int rowNumber, List<String> cells, Map<Integer, String> mergedFrom) {

    public SheetRow {
        cells = List.copyOf(cells);
        mergedFrom = Map.copyOf(mergedFrom);
    }

    public SheetRow(int rowNumber, List<String> cells) {
        this(rowNumber, cells, Map.of());
    }
}
