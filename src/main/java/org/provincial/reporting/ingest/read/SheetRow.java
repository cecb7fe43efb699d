package org.provincial.reporting.ingest.read;

import java.util.List;

/**
 * One non-blank row of a submitted file, numbered as a person sees it (1-based, title, header and blank rows counted).
 *
 * @param rowNumber the row number shown in Excel, or the 1-based record index in a CSV
 * @param cells the texts as typed or shown, never null (an empty cell is ""), trailing empty cells omitted
 */
public record SheetRow(int rowNumber, List<String> cells) {

    public SheetRow {
        cells = List.copyOf(cells);
    }
}
