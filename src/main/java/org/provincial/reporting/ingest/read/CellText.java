package org.provincial.reporting.ingest.read;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;

/** The text a person sees in an Excel cell: of an .xls cell, and the rules the .xlsx reader shares with it. */
final class CellText {

    /** Excel shows at most 15 significant digits. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** From here on a double cannot hold every integer digit Excel shows: 16 digits and more. */
    private static final double LOST_DIGITS = 1e15;

    private CellText() {
    }

    static String of(Cell cell) {
        CellType type = cell.getCellType();
        return type == CellType.FORMULA ? cachedValue(cell) : value(cell, type);
    }

    /**
     * The number Excel shows: 15 significant digits, no trailing zeros, no exponent (666.66, 0.3, 1234567); from
     * 10^15 on, where Excel has lost digits, in scientific notation as its General format shows it
     * (4.40106199203028E+17), so that a resident ID or credit code typed into a number cell is never taken for one
     * (SPEC §2.1).
     */
    static String number(double value) {
        BigDecimal shown = new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros();
        if (Math.abs(value) < LOST_DIGITS) {
            return shown.toPlainString();
        }
        String mantissa = shown.movePointLeft(shown.precision() - shown.scale() - 1).toPlainString();
        return mantissa + "E+" + (shown.precision() - shown.scale() - 1);
    }

    /**
     * Whether a number format is one of the built-in date formats of the Chinese edition of Excel (ids 27–36 and
     * 50–58: yyyy"年"m"月"d"日", m"月"d"日" …), which a file stores as the id alone and POI does not know as dates.
     */
    static boolean isChineseBuiltInDate(int formatId, String formatCode) {
        return (formatId >= 27 && formatId <= 36 || formatId >= 50 && formatId <= 58)
                && (formatCode == null || formatCode.startsWith("reserved") || formatCode.equals("General"));
    }

    private static String cachedValue(Cell formula) {
        try {
            return value(formula, formula.getCachedFormulaResultType());
        }
        catch (RuntimeException unusableCachedValue) {
            // a formula cell never makes a file unreadable: a cached value that cannot be read counts as none
            return "";
        }
    }

    private static String value(Cell cell, CellType type) {
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> isDate(cell)
                    ? dateTime(cell.getLocalDateTimeCellValue())
                    : number(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> error(cell);
            default -> "";
        };
    }

    private static boolean isDate(Cell cell) {
        if (DateUtil.isCellDateFormatted(cell)) {
            return true;
        }
        CellStyle style = cell.getCellStyle();
        return style != null && DateUtil.isValidExcelDate(cell.getNumericCellValue())
                && isChineseBuiltInDate(style.getDataFormat(), style.getDataFormatString());
    }

    /** A date as ISO yyyy-MM-dd, or with its time of day as yyyy-MM-dd HH:mm:ss. */
    static String dateTime(LocalDateTime value) {
        return value.toLocalTime().equals(LocalTime.MIDNIGHT) ? value.toLocalDate().toString() : value.format(DATE_TIME);
    }

    private static String error(Cell cell) {
        return FormulaError.forInt(cell.getErrorCellValue()).getString();
    }
}
