package org.provincial.reporting.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a workbook's {@code data} sheet, cell by cell, to compare the figures of two runs. */
public final class DataSheets {

    private DataSheets() {
    }

    /** Every cell of the {@code data} sheet, by its column, type and value. */
    public static List<List<String>> read(Path workbook) throws IOException {
        try (InputStream in = Files.newInputStream(workbook)) {
            return read(in, workbook.toString());
        }
    }

    /** Every cell of the {@code data} sheet of a workbook downloaded. */
    public static List<List<String>> read(byte[] workbook) throws IOException {
        return read(new ByteArrayInputStream(workbook), "the workbook downloaded");
    }

    private static List<List<String>> read(InputStream in, String workbook) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheet("data");
            assertThat(sheet).as("the data sheet of %s", workbook).isNotNull();
            List<List<String>> cells = new ArrayList<>();
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                for (Cell cell : row) {
                    values.add(cell.getColumnIndex() + ":" + cell.getCellType() + ":" + switch (cell.getCellType()) {
                        case NUMERIC -> Double.toString(cell.getNumericCellValue());
                        case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
                        case FORMULA -> cell.getCellFormula();
                        default -> cell.getStringCellValue();
                    });
                }
                cells.add(values);
            }
            return cells;
        }
    }
}
