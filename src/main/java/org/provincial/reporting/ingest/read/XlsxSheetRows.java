package org.provincial.reporting.ingest.read;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.github.pjfanning.poi.xssf.streaming.SharedStringsTableBase;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.ExcelNumberFormat;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * Pulls the rows of an .xlsx worksheet part one at a time, each cell as the text a person sees ({@link CellText}'s
 * rules): shared and inline strings, numbers, dates by the cell's style, booleans, errors, formulas by cached value.
 */
final class XlsxSheetRows {

    // The rules, which give what clerks' files always gave (checked cell by cell against the earlier reader): a cell's
    // type is its t attribute ("n" when absent); its value the text of its <v>, or of all the <t>s of its <is> run
    // after run, _xHHHH_ escapes left as written; an element without an r attribute takes the next row or column
    // (rows from 1, cells from the dimension's first column); a formula's cached value that cannot be read is no
    // value, any other unreadable value fails the row.

    private static final int LAST_COLUMN = SpreadsheetVersion.EXCEL2007.getLastColumnIndex();
    private static final byte UNKNOWN = 0;
    private static final byte NOT_A_DATE = 1;
    private static final byte DATE = 2;

    private final XMLStreamReader xml;
    private final SharedStringsTableBase sharedStrings;
    private final StylesTable styles;
    private final boolean date1904;
    /** Whether each cell style formats numbers as dates, worked out once per style. */
    private final byte[] dateStyles;
    private final List<String> cells = new ArrayList<>();
    private final StringBuilder text = new StringBuilder(64);
    private String mainNamespace;

    private int nextRowIndex;
    private int rowNumber;
    private boolean inRow;
    private int firstColumn;
    private int column;
    private boolean inCell;
    private String cellType;
    private int cellStyle;
    private boolean formula;
    private String value;
    private boolean inText;
    private boolean inInlineString;

    /**
     * @param styles the workbook's cell styles, null when it has none
     * @param date1904 whether the workbook counts dates from 1904 instead of 1900
     */
    XlsxSheetRows(XMLStreamReader xml, SharedStringsTableBase sharedStrings, StylesTable styles, boolean date1904) {
        this.xml = xml;
        this.sharedStrings = sharedStrings;
        this.styles = styles;
        this.date1904 = date1904;
        this.dateStyles = new byte[styles == null ? 0 : styles.getNumCellStyles()];
    }

    /** Reads on to the end of the next row, blank or not: false at the end of the sheet. */
    boolean next() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                if (inText) {
                    text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
            }
            else if (event == XMLStreamConstants.START_ELEMENT && isSpreadsheetElement()) {
                start(xml.getLocalName());
            }
            else if (event == XMLStreamConstants.END_ELEMENT && isSpreadsheetElement() && end(xml.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    /** Whether an XML boolean reads as true, as the streaming reader read it ("1", or "true" in any case). */
    static boolean isTrue(String xmlBoolean) {
        return xmlBoolean.equals("1") || xmlBoolean.equalsIgnoreCase("true");
    }

    /** The row number of the row {@link #next()} read, as Excel shows it. */
    int rowNumber() {
        return rowNumber;
    }

    /** The texts of the row {@link #next()} read, by column, "" where it has no cell; valid until the next call. */
    List<String> cells() {
        return cells;
    }

    /** In SpreadsheetML's namespace, transitional or strict (…/spreadsheetml/2006/main, …/spreadsheetml/main). */
    private boolean isSpreadsheetElement() {
        String namespace = xml.getNamespaceURI();
        if (namespace == null || namespace != mainNamespace && !namespace.endsWith("/main")) {
            return false;
        }
        mainNamespace = namespace;
        return true;
    }

    private void start(String name) {
        switch (name) {
            case "row" -> {
                String number = xml.getAttributeValue(null, "r");
                nextRowIndex = number == null ? nextRowIndex : Integer.parseInt(number.trim()) - 1;
                inRow = true;
                cells.clear();
                column = firstColumn;
            }
            case "c" -> {
                String reference = xml.getAttributeValue(null, "r");
                column = reference == null ? column : new CellAddress(reference).getColumn();
                String type = xml.getAttributeValue(null, "t");
                cellType = type == null ? "n" : type;
                String style = xml.getAttributeValue(null, "s");
                cellStyle = style == null ? 0 : Integer.parseInt(style.trim());
                inCell = true;
                formula = false;
                value = null;
            }
            case "v", "t" -> inText = true;
            case "is" -> inInlineString = true;
            case "f" -> formula = formula || inCell;
            case "dimension" -> firstColumn(xml.getAttributeValue(null, "ref"));
            default -> {
                // nothing to note
            }
        }
        if (!inInlineString) {
            text.setLength(0);
        }
    }

    /** Handles the end of an element: true when it ends a row. */
    private boolean end(String name) {
        switch (name) {
            case "v", "t" -> {
                inText = false;
                if (inCell) {
                    value = cellType.equals("s") ? sharedString() : text.toString();
                }
            }
            case "is" -> inInlineString = false;
            case "c" -> {
                if (inRow) {
                    if (column < 0 || column > LAST_COLUMN) {
                        throw new IllegalStateException("A cell beyond Excel's last column: " + column);
                    }
                    while (cells.size() <= column) {
                        cells.add("");
                    }
                    cells.set(column, cellText());
                }
                inCell = false;
                column++;
            }
            case "row" -> {
                if (inRow) {
                    rowNumber = nextRowIndex + 1;
                    nextRowIndex++;
                    inRow = false;
                    return true;
                }
            }
            default -> {
                // nothing to note
            }
        }
        return false;
    }

    /** Cells without a reference start at the first column of the sheet's dimension ("B2:F9" → B), as before. */
    private void firstColumn(String dimension) {
        if (dimension != null) {
            for (int i = 0; i < dimension.length(); i++) {
                if (!Character.isAlphabetic(dimension.charAt(i))) {
                    firstColumn = CellReference.convertColStringToIndex(dimension.substring(0, i));
                    return;
                }
            }
        }
    }

    private String sharedString() {
        String index = text.toString();
        return index.isEmpty() ? "" : sharedStrings.getString(Integer.parseInt(index.trim()));
    }

    private String cellText() {
        if (value == null) {
            return ""; // no value, or a formula without a cached one
        }
        if (!formula) {
            return valueText();
        }
        try {
            return valueText();
        }
        catch (RuntimeException unusableCachedValue) {
            // a formula cell never makes a file unreadable: a cached value that cannot be read counts as none
            return "";
        }
    }

    private String valueText() {
        return switch (cellType) {
            case "n" -> number(Double.parseDouble(value.trim()));
            case "d" -> number(isoDate(value));
            case "s", "inlineStr", "str" -> value;
            case "b" -> isTrue(value) ? "TRUE" : "FALSE";
            // a formula's cached error was shown from its first '#', as every error code starts
            case "e" -> formula ? value.substring(Math.max(0, value.indexOf('#'))) : FormulaError.forString(value).getString();
            default -> throw new IllegalStateException("Unknown cell type " + cellType);
        };
    }

    /** A number as Excel shows it: as a date (and time) when the cell's style formats it as one. */
    private String number(double number) {
        return DateUtil.isValidExcelDate(number) && isDateStyle(cellStyle)
                ? CellText.dateTime(DateUtil.getLocalDateTime(number, date1904))
                : CellText.number(number);
    }

    /** The serial number of a strict OOXML date cell ("2025-01-20", "2025-01-20T08:30:00" or a time "08:30:00.5"). */
    private double isoDate(String iso) {
        LocalDateTime dateTime;
        try {
            dateTime = LocalDateTime.parse(iso);
        }
        catch (DateTimeParseException notADateTime) {
            try {
                dateTime = LocalDate.parse(iso).atStartOfDay();
            }
            catch (DateTimeParseException notADate) {
                int fraction = iso.lastIndexOf('.');
                return DateUtil.convertTime(fraction < 0 ? iso : iso.substring(0, fraction));
            }
        }
        return DateUtil.getExcelDate(dateTime, date1904);
    }

    private boolean isDateStyle(int style) {
        if (style < 0 || style >= dateStyles.length) {
            return false; // no such style: the cell has none
        }
        if (dateStyles[style] == UNKNOWN) {
            XSSFCellStyle cellStyle = styles.getStyleAt(style);
            dateStyles[style] = cellStyle != null && (DateUtil.isADateFormat(ExcelNumberFormat.from(cellStyle))
                    || CellText.isChineseBuiltInDate(cellStyle.getDataFormat(), cellStyle.getDataFormatString()))
                    ? DATE : NOT_A_DATE;
        }
        return dateStyles[style] == DATE;
    }
}
