package org.provincial.reporting.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes submission files as the unions make them: CSV in UTF-8 (with or without BOM) or GBK, xlsx and xls with
 * an optional merged title row. Spreadsheet cells take the Java type given: Number → numeric cell,
 * LocalDate → date cell, String → text cell, null → no cell.
 */
public final class SubmissionFiles {

    private SubmissionFiles() {
    }

    public static Path csv(Path file, Charset charset, boolean bom, List<List<?>> rows) {
        StringBuilder text = new StringBuilder();
        for (List<?> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(quote(row.get(i) == null ? "" : row.get(i).toString()));
            }
            text.append("\r\n");
        }
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                if (bom) {
                    out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
                }
                out.write(text.toString().getBytes(charset));
            }
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path csv(Path file, List<List<?>> rows) {
        return csv(file, StandardCharsets.UTF_8, false, rows);
    }

    /** CSV lines split on commas, for {@link #csv} (no quoting: values without commas only). */
    public static List<List<?>> rows(String... lines) {
        return Stream.of(lines).<List<?>>map(line -> List.of(line.split(",", -1))).toList();
    }

    public static Path xlsx(Path file, String title, List<List<?>> rows) {
        return spreadsheet(new XSSFWorkbook(), file, title, rows);
    }

    public static Path xls(Path file, String title, List<List<?>> rows) {
        return spreadsheet(new HSSFWorkbook(), file, title, rows);
    }

    private static Path spreadsheet(Workbook workbook, Path file, String title, List<List<?>> rows) {
        try (workbook) {
            Sheet sheet = workbook.createSheet("Sheet1");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            int rowIndex = 0;
            if (title != null) {
                sheet.createRow(rowIndex++).createCell(0).setCellValue(title);
                int width = rows.isEmpty() ? 1 : rows.get(0).size();
                if (width > 1) {
                    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, width - 1));
                }
            }
            for (List<?> values : rows) {
                Row row = sheet.createRow(rowIndex++);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(i);
                    if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    }
                    else if (value instanceof LocalDate date) {
                        cell.setCellValue(date);
                        cell.setCellStyle(dateStyle);
                    }
                    else {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
