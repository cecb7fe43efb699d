package org.provincial.reporting.ingest.read;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;

/** The text a person sees in an Excel cell: of an .xls cell, and the rules the .xlsx reader shares with it. */
final class CellText {

    /** Excel shows at most 15 significant digits. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CellText() {
    }

    static String of(Cell cell) {
        CellType type = cell.getCellType();
        return type == CellType.FORMULA ? cachedValue(cell) : value(cell, type);
    }

    /** The number Excel shows: 15 significant digits, no trailing zeros, no exponent (666.66, 0.3, 1234567). */
    static String number(double value) {
        return new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
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
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? dateTime(cell.getLocalDateTimeCellValue())
                    : number(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> error(cell);
            default -> "";
        };
    }

    /** A date as ISO yyyy-MM-dd, or with its time of day as yyyy-MM-dd HH:mm:ss. */
    static String dateTime(LocalDateTime value) {
        return value.toLocalTime().equals(LocalTime.MIDNIGHT) ? value.toLocalDate().toString() : value.format(DATE_TIME);
    }

    private static String error(Cell cell) {
        return FormulaError.forInt(cell.getErrorCellValue()).getString();
    }
}
