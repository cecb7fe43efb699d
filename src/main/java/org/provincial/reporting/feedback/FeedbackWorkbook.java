package org.provincial.reporting.feedback;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.report.SafeCells;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes one submitter's feedback workbook with POI's streaming writer: sheet 文件 lists every file with its fate and
 * whole-file reasons, sheet 退回明细 every rejected row (file, row, column, code, message, value as typed), resident
 * IDs masked. The file appears whole or not at all (written aside, then moved).
 */
@Component
class FeedbackWorkbook {

    private static final String FILES_SHEET = "文件";
    private static final String ROWS_SHEET = "退回明细";

    private static final List<String> FILES_HEADER = List.of("文件名", "数据集", "版本", "接收时间", "处理结果",
            "读取行数", "采用行数", "退回行数", "整份退回原因");
    private static final int[] FILES_WIDTHS = {36, 10, 6, 20, 14, 10, 10, 10, 100};
    private static final List<String> ROWS_HEADER = List.of("文件名", "行号", "列", "代码", "说明", "填写的值");
    private static final int[] ROWS_WIDTHS = {36, 8, 18, 24, 80, 30};
    private static final int WINDOW_ROWS = 200;
    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final DatasetMappings mappings;

    FeedbackWorkbook(DataSource dataSource, DatasetMappings mappings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.mappings = mappings;
    }

    /** Writes {@code <directory>/<submitter>-<period>.xlsx} listing {@code files} (all of one submitter). */
    Path write(String submitter, String period, List<SubmittedFile> files, Path directory) {
        Path target = directory.resolve(submitter + "-" + period + ".xlsx");
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, ".feedback-", ".xlsx.part");
            try {
                try (SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW_ROWS)) {
                    workbook.setCompressTempFiles(true);
                    Styles styles = new Styles(workbook);
                    writeFiles(workbook.createSheet(FILES_SHEET), styles, files);
                    writeRows(workbook.createSheet(ROWS_SHEET), styles, files);
                    try (OutputStream out = Files.newOutputStream(partial)) {
                        workbook.write(out);
                    }
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
            finally {
                Files.deleteIfExists(partial);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the feedback workbook " + target + ": " + e.getMessage(), e);
        }
    }

    private void writeFiles(Sheet sheet, Styles styles, List<SubmittedFile> files) {
        header(sheet, styles, FILES_HEADER, FILES_WIDTHS);
        Map<Long, List<String>> fileReasons = fileReasons(files);
        int r = 1;
        for (SubmittedFile file : files) {
            Row row = sheet.createRow(r++);
            styles.safe.text(row.createCell(0), file.fileName());
            row.createCell(1).setCellValue(file.dataset() == null ? "" : mappings.get(file.dataset()).title());
            number(row, 2, file.version());
            Cell received = row.createCell(3);
            received.setCellValue(file.receivedAt());
            received.setCellStyle(styles.dateTime);
            row.createCell(4).setCellValue(file.fate());
            number(row, 5, file.rowsRead());
            number(row, 6, file.rowsAccepted());
            number(row, 7, file.rowsRejected());
            Cell reasons = row.createCell(8);
            reasons.setCellStyle(styles.wrapped);
            styles.safe.text(reasons, String.join("\n", fileReasons.getOrDefault(file.id(), List.of())));
        }
        sheet.setAutoFilter(new CellRangeAddress(0, r - 1, 0, FILES_HEADER.size() - 1));
    }

    private Map<Long, List<String>> fileReasons(List<SubmittedFile> files) {
        Map<Long, List<String>> reasons = new LinkedHashMap<>();
        jdbc.query("""
                select submission_id, message from rejection
                where submission_id = any(?) and row_no is null order by submission_id, id""",
                rs -> {
                    reasons.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(Masking.text(rs.getString(2)));
                }, (Object) ids(files));
        return reasons;
    }

    private void writeRows(Sheet sheet, Styles styles, List<SubmittedFile> files) {
        header(sheet, styles, ROWS_HEADER, ROWS_WIDTHS);
        int lastRow = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
        int[] next = {1};
        long[] unlisted = {0};
        jdbc.query("""
                select s.file_name, s.dataset, r.row_no, r.column_key, r.column_header, r.code, r.message, r.value
                from rejection r join submission s on s.id = r.submission_id
                where r.submission_id = any(?) and r.row_no is not null
                order by s.file_name collate "C", s.received_at, s.id, r.row_no, r.id""",
                rs -> {
                    if (next[0] == lastRow) {
                        unlisted[0]++;
                        return;
                    }
                    Optional<ColumnMapping> column = column(rs.getString(2), rs.getString(4));
                    String header = rs.getString(5) != null ? rs.getString(5)
                            : column.map(ColumnMapping::header).orElse("");
                    ColumnType type = column.map(ColumnMapping::type).orElse(ColumnType.TEXT);
                    Row row = sheet.createRow(next[0]++);
                    styles.safe.text(row.createCell(0), rs.getString(1));
                    row.createCell(1).setCellValue(rs.getInt(3));
                    styles.safe.text(row.createCell(2), header);
                    row.createCell(3).setCellValue(rs.getString(6));
                    styles.safe.text(row.createCell(4), Masking.text(rs.getString(7)));
                    styles.safe.text(row.createCell(5), Masking.value(rs.getString(8), type));
                }, (Object) ids(files));
        if (unlisted[0] > 0) {
            sheet.createRow(lastRow).createCell(0).setCellValue("另有 " + unlisted[0]
                    + " 条退回明细超出 Excel 行数上限未列出，请先按以上说明修正后重新报送");
        }
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(next[0] - 1, 0), 0, ROWS_HEADER.size() - 1));
    }

    private Optional<ColumnMapping> column(String dataset, String columnKey) {
        if (dataset == null || columnKey == null) {
            return Optional.empty();
        }
        return mappings.get(dataset).column(columnKey);
    }

    private static void header(Sheet sheet, Styles styles, List<String> titles, int[] widths) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < titles.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(titles.get(i));
            cell.setCellStyle(styles.header);
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    private static void number(Row row, int column, Integer value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }

    private static Long[] ids(List<SubmittedFile> files) {
        return files.stream().map(SubmittedFile::id).toArray(Long[]::new);
    }

    /** The few styles of a feedback workbook, created once per workbook. */
    private static final class Styles {

        private final SafeCells safe;
        private final CellStyle header;
        private final CellStyle dateTime;
        private final CellStyle wrapped;

        Styles(SXSSFWorkbook workbook) {
            safe = SafeCells.of(workbook);
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            wrapped = workbook.createCellStyle();
            wrapped.setWrapText(true);
        }
    }
}
