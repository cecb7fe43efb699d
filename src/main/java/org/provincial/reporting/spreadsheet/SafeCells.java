package org.provincial.reporting.spreadsheet;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Writes text that came from a submission so that no spreadsheet ever evaluates it: text starting with
 * {@code = + - @}, tab or carriage return is stored as a string cell with Excel's quote prefix ('), which shows it
 * exactly as typed and keeps it text even when someone edits the cell.
 */
public final class SafeCells {

    private final CellStyle quotePrefixed;

    private SafeCells(CellStyle quotePrefixed) {
        this.quotePrefixed = quotePrefixed;
    }

    /** One per workbook: the quote-prefixed style is created once, cell styles being limited in number. */
    public static SafeCells of(Workbook workbook) {
        CellStyle style = workbook.createCellStyle();
        style.setQuotePrefixed(true);
        return new SafeCells(style);
    }

    public static boolean isFormulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** Sets {@code text} as a string cell; formula-like text gets the quote-prefixed style. */
    public void text(Cell cell, String text) {
        cell.setCellValue(text == null ? "" : text);
        if (isFormulaLike(text)) {
            cell.setCellStyle(quotePrefixed);
        }
    }
}
