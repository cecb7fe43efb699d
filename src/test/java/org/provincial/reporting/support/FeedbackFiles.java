package org.provincial.reporting.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a submitter's feedback back as a clerk sees it: the workbook's cells as shown, and its text twin. */
public final class FeedbackFiles {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final List<String> GUIDANCE_HEADER = List.of("数据", "文件", "状态", "情况", "下一步");

    private FeedbackFiles() {
    }

    public static XSSFWorkbook open(Path workbook) throws IOException {
        try (InputStream in = Files.newInputStream(workbook)) {
            return new XSSFWorkbook(in);
        }
    }

    /** Every row of the sheet, each cell as Excel shows it (empty for a missing cell). */
    public static List<List<String>> texts(Sheet sheet) {
        DataFormatter formatter = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.getLastCellNum(); c++) {
                Cell cell = row.getCell(c);
                cells.add(cell == null ? "" : formatter.formatCellValue(cell));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The table of the sheet 说明, one line per dataset or file: 数据|文件|状态|情况|下一步. */
    public static List<String> guidanceLines(Path workbook) throws IOException {
        try (XSSFWorkbook book = open(workbook)) {
            List<List<String>> rows = texts(book.getSheet("说明"));
            int header = rows.indexOf(GUIDANCE_HEADER);
            assertThat(header).as("the table of 说明").isPositive();
            List<String> lines = new ArrayList<>();
            for (List<String> row : rows.subList(header + 1, rows.size())) {
                if (row.size() < 5) {
                    break;
                }
                lines.add(String.join("|", row));
            }
            return lines;
        }
    }

    /**
     * The text file's lines after checking that it starts with a UTF-8 byte order mark and ends every line with CRLF,
     * as Windows Notepad needs.
     */
    public static List<String> textLines(Path text) throws IOException {
        byte[] bytes = Files.readAllBytes(text);
        assertThat(bytes).as("a UTF-8 byte order mark").startsWith(BOM);
        String content = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(content).endsWith("\r\n");
        assertThat(content.replace("\r\n", "")).as("no line end other than CRLF").doesNotContain("\n", "\r");
        return List.of(content.split("\r\n"));
    }

    /**
     * Asserts that the text file says what the workbook says: every non-empty cell of every sheet, sheet by sheet and
     * row by row, stands in the text in the same order (line breaks inside a cell read as spaces). Table headers and
     * a cell equal to the one above it are passed over: the text names a column beside each value and a file once
     * above its rows.
     */
    public static void assertTextSaysWhatTheWorkbookSays(Path workbook, Path text) throws IOException {
        String content = String.join("\n", textLines(text));
        int at = 0;
        try (XSSFWorkbook book = open(workbook)) {
            for (Sheet sheet : book) {
                List<List<String>> rows = texts(sheet);
                for (int r = 0; r < rows.size(); r++) {
                    List<String> row = rows.get(r);
                    if (r == 0 && !sheet.getSheetName().equals("说明") || row.equals(GUIDANCE_HEADER)) {
                        continue;
                    }
                    for (int c = 0; c < row.size(); c++) {
                        String shown = row.get(c).replace('\n', ' ');
                        List<String> above = r > 0 ? rows.get(r - 1) : List.of();
                        if (shown.isEmpty() || c < above.size() && above.get(c).equals(row.get(c))) {
                            continue;
                        }
                        int found = content.indexOf(shown, at);
                        assertThat(found).as("“%s” of sheet %s in the text after position %d", shown,
                                sheet.getSheetName(), at).isGreaterThanOrEqualTo(0);
                        at = found;
                    }
                }
            }
        }
    }
}
