package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.provincial.reporting.spreadsheet.SafeCells;

/** The cell styles the staff sheets share, created once per workbook (a workbook holds a limited number of styles). */
final class WorkbookStyles {

    static final String COUNT_FORMAT = "#,##0";
    static final String MONEY_FORMAT = "#,##0.00";
    static final String RATE_FORMAT = "0.00%";
    static final String TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String CHANGE_FORMAT = "0.0%";

    /** How a figure is shown: whole numbers, yuan with 2 decimals, or a fraction as a percentage. */
    enum Kind {
        COUNT, MONEY, RATE;

        /** The kind of a measure of SPEC §6, from its name. */
        static Kind of(String measure) {
            return measure.endsWith("_yuan") ? MONEY : measure.equals("establishment_rate") ? RATE : COUNT;
        }
    }

    final SafeCells safe;
    final CellStyle title;
    final CellStyle note;
    final CellStyle header;
    final CellStyle text;
    final CellStyle boldText;
    final CellStyle indentedText;
    final CellStyle wrappedText;
    final CellStyle time;
    final CellStyle alert;
    final CellStyle caution;
    final CellStyle change;
    private final CellStyle[] figures;
    private final CellStyle[] boldFigures;

    WorkbookStyles(Workbook workbook) {
        safe = SafeCells.of(workbook);
        Font titleFont = workbook.createFont();
        titleFont.setBold(true);
        titleFont.setFontHeightInPoints((short) 14);
        Font bold = workbook.createFont();
        bold.setBold(true);
        Font grey = workbook.createFont();
        grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());

        title = workbook.createCellStyle();
        title.setFont(titleFont);
        note = workbook.createCellStyle();
        note.setFont(grey);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setWrapText(true);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        text = workbook.createCellStyle();
        boldText = workbook.createCellStyle();
        boldText.setFont(bold);
        indentedText = workbook.createCellStyle();
        indentedText.setIndention((short) 2);
        wrappedText = workbook.createCellStyle();
        wrappedText.setWrapText(true);
        wrappedText.setVerticalAlignment(VerticalAlignment.TOP);
        time = workbook.createCellStyle();
        time.setDataFormat(workbook.createDataFormat().getFormat(TIME_FORMAT));
        time.setAlignment(HorizontalAlignment.LEFT);
        Font red = workbook.createFont();
        red.setBold(true);
        red.setColor(IndexedColors.RED.getIndex());
        alert = workbook.createCellStyle();
        alert.setFont(red);
        Font orange = workbook.createFont();
        orange.setBold(true);
        orange.setColor(IndexedColors.ORANGE.getIndex());
        caution = workbook.createCellStyle();
        caution.setFont(orange);

        change = workbook.createCellStyle();
        change.setDataFormat(workbook.createDataFormat().getFormat(CHANGE_FORMAT));

        figures = new CellStyle[Kind.values().length];
        boldFigures = new CellStyle[Kind.values().length];
        for (Kind kind : Kind.values()) {
            String format = switch (kind) {
                case COUNT -> COUNT_FORMAT;
                case MONEY -> MONEY_FORMAT;
                case RATE -> RATE_FORMAT;
            };
            figures[kind.ordinal()] = workbook.createCellStyle();
            figures[kind.ordinal()].setDataFormat(workbook.createDataFormat().getFormat(format));
            boldFigures[kind.ordinal()] = workbook.createCellStyle();
            boldFigures[kind.ordinal()].cloneStyleFrom(figures[kind.ordinal()]);
            boldFigures[kind.ordinal()].setFont(bold);
        }
    }

    /** A cell of our own text (labels, region names), never text from a submission. */
    void label(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** A cell holding text as a submission typed it (see {@link SafeCells}); no cell when there is no text. */
    void submitted(Row row, int column, String value) {
        if (value != null) {
            safe.text(row.createCell(column), value);
        }
    }

    /** A numeric cell formatted for its kind; an empty cell (still styled) when the value is undefined. */
    void figure(Row row, int column, BigDecimal value, Kind kind, boolean bold) {
        Cell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value.doubleValue());
        }
        cell.setCellStyle((bold ? boldFigures : figures)[kind.ordinal()]);
    }

    /** The change from {@code earlier} to {@code current} as a percentage (增减%); empty where it is undefined. */
    void change(Row row, int column, BigDecimal current, BigDecimal earlier) {
        Cell cell = row.createCell(column);
        BigDecimal change = PublishedFigures.change(current, earlier);
        if (change != null) {
            cell.setCellValue(change.doubleValue());
        }
        cell.setCellStyle(this.change);
    }

    /** A date-time cell, or an empty cell when there is none. */
    void time(Row row, int column, LocalDateTime value) {
        Cell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(time);
    }

    /** The column width (in characters) that shows {@code text} on one line: a Chinese character takes two. */
    static int width(String text) {
        return text.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum() + 2;
    }
}
