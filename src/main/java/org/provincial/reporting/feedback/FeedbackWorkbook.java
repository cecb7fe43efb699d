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

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.feedback.Guidance.Line;
import org.provincial.reporting.feedback.Listings.FileLine;
import org.provincial.reporting.feedback.Listings.RejectionLine;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.DisplayZone;
import org.provincial.reporting.spreadsheet.SafeCells;
import org.provincial.reporting.submission.ErrorTypes;
import org.provincial.reporting.submission.RejectionRepository;

import org.springframework.stereotype.Component;

/**
 * Writes one submitter's feedback with POI's streaming writer — sheet 说明 (the {@link Guidance}: each dataset's state,
 * what to do next, how to send again, what to verify), sheet 文件 (every file with its fate and whole-file reasons), sheet 退回明细
 * (every reason a row or file was rejected: file, row, column, Chinese error type, code, message, value as typed),
 * resident IDs masked, each sheet printable one page wide — and, from the same lines, its plain-text twin
 * {@link FeedbackText}. Each file appears whole or not at all (written aside, then moved).
 */
@Component
class FeedbackWorkbook {

    private static final String GUIDANCE_SHEET = "说明";
    private static final int[] GUIDANCE_WIDTHS = {10, 32, 13, 46, 46};
    private static final int[] FILES_WIDTHS = {32, 8, 6, 24, 13, 9, 9, 9, 44};
    private static final int[] ROWS_WIDTHS = {30, 9, 14, 18, 22, 48, 20};
    private static final int WINDOW_ROWS = 200;
    /** Height of one line of wrapped text, in points, and the width of a CJK character in tenths of a column unit. */
    private static final float LINE_POINTS = 15.5f;
    private static final float TITLE_POINTS = 24;
    private static final int WIDE_CHARACTER = 17;
    private static final int NARROW_CHARACTER = 10;

    private final RejectionRepository rejections;
    private final DatasetMappings mappings;
    private final Guide guide;
    private final DisplayZone zone;

    FeedbackWorkbook(RejectionRepository rejections, DatasetMappings mappings, Guide guide, DisplayZone zone) {
        this.rejections = rejections;
        this.mappings = mappings;
        this.guide = guide;
        this.zone = zone;
    }

    /**
     * Writes {@code <directory>/<submitter>-<period>.xlsx} and {@code .txt} about {@code files} (all of one submitter
     * of the province) and returns both.
     */
    List<Path> write(String province, String submitter, String period, List<SubmittedFile> files, Path directory) {
        Path workbookTarget = directory.resolve(submitter + "-" + period + ".xlsx");
        Path textTarget = directory.resolve(submitter + "-" + period + ".txt");
        try {
            Files.createDirectories(directory);
            Path workbookPartial = Files.createTempFile(directory, ".feedback-", ".xlsx.part");
            Path textPartial = Files.createTempFile(directory, ".feedback-", ".txt.part");
            try {
                Map<Long, List<String>> reasons = fileReasons(files);
                Guidance guidance = guide.explain(province, submitter, period, files, reasons);
                try (SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW_ROWS);
                        FeedbackText text = new FeedbackText(textPartial)) {
                    workbook.setCompressTempFiles(true);
                    Styles styles = new Styles(workbook);
                    writeGuidance(printable(workbook.createSheet(GUIDANCE_SHEET), guidance, -1), styles, guidance);
                    text.guidance(guidance);
                    List<FileLine> fileLines = fileLines(files, reasons);
                    writeFiles(printable(workbook.createSheet(Listings.FILES), guidance, 0), styles, fileLines);
                    text.files(fileLines);
                    writeRows(printable(workbook.createSheet(Listings.REJECTIONS), guidance, 0), styles, files, text);
                    try (OutputStream out = Files.newOutputStream(workbookPartial)) {
                        workbook.write(out);
                    }
                }
                Files.move(workbookPartial, workbookTarget, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Files.move(textPartial, textTarget, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return List.of(workbookTarget, textTarget);
            }
            finally {
                Files.deleteIfExists(workbookPartial);
                Files.deleteIfExists(textPartial);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the feedback " + workbookTarget + ": " + e.getMessage(), e);
        }
    }

    /** Landscape A4, one page wide, the title in the page header and the header row (if any) on every page. */
    private static Sheet printable(Sheet sheet, Guidance guidance, int headerRow) {
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.getHeader().setCenter(guidance.title());
        // &P and &N: the page number and the number of pages, in a header's codes
        sheet.getFooter().setCenter("第 &P 页，共 &N 页");
        if (headerRow >= 0) {
            sheet.setRepeatingRows(CellRangeAddress.valueOf((headerRow + 1) + ":" + (headerRow + 1)));
        }
        return sheet;
    }

    private static void writeGuidance(Sheet sheet, Styles styles, Guidance guidance) {
        widths(sheet, GUIDANCE_WIDTHS);
        int last = GUIDANCE_WIDTHS.length - 1;
        int[] r = {0};
        spanning(sheet, styles, r[0]++, guidance.title(), styles.title, last);
        guidance.facts().forEach(fact -> spanning(sheet, styles, r[0]++, fact, styles.wrapped, last));
        spanning(sheet, styles, r[0]++, guidance.verdict(), styles.bold, last);
        r[0]++;
        spanning(sheet, styles, r[0]++, Guidance.LINES_HEADING, styles.bold, last);
        header(sheet.createRow(r[0]++), styles, Guidance.LINES_HEADER);
        for (Line line : guidance.lines()) {
            Row row = sheet.createRow(r[0]++);
            List<String> cells = List.of(line.dataset(), line.file(), line.state().label(), line.situation(),
                    line.nextStep());
            for (int c = 0; c < cells.size(); c++) {
                text(row, c, cells.get(c), c == 2 && line.state().needsAction() ? styles.alert : styles.cell, styles);
            }
            fitHeight(row, cells, GUIDANCE_WIDTHS);
        }
        r[0]++;
        spanning(sheet, styles, r[0]++, Guidance.RULES_HEADING, styles.bold, last);
        for (int i = 0; i < guidance.rules().size(); i++) {
            spanning(sheet, styles, r[0]++, FeedbackText.numbered(i, guidance.rules().get(i)), styles.wrapped, last);
        }
        if (!guidance.reviews().isEmpty()) {
            r[0]++;
            spanning(sheet, styles, r[0]++, Guidance.REVIEWS_HEADING, styles.bold, last);
            spanning(sheet, styles, r[0]++, Guidance.REVIEWS_NOTE, styles.wrapped, last);
            for (int i = 0; i < guidance.reviews().size(); i++) {
                spanning(sheet, styles, r[0]++, FeedbackText.numbered(i, guidance.reviews().get(i)), styles.wrapped, last);
            }
        }
    }

    /** A text across the columns up to {@code lastColumn}, its row as high as its wrapped lines need. */
    private static void spanning(Sheet sheet, Styles styles, int rowIndex, String text, CellStyle style,
            int lastColumn) {
        Row row = sheet.createRow(rowIndex);
        Cell cell = row.createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(style);
        sheet.addMergedRegion(new CellRangeAddress(rowIndex, rowIndex, 0, lastColumn));
        int width = 0;
        for (int c = 0; c <= lastColumn; c++) {
            width += sheet.getColumnWidth(c) / 256;
        }
        row.setHeightInPoints(style == styles.title ? TITLE_POINTS : lines(text, width) * LINE_POINTS);
    }

    private List<FileLine> fileLines(List<SubmittedFile> files, Map<Long, List<String>> reasons) {
        return files.stream().map(file -> new FileLine(file.fileName(),
                file.dataset() == null ? "" : mappings.get(file.dataset()).title(), file.version(),
                file.receivedAt() == null ? "" : zone.minutesWithZone(file.receivedAt()), State.of(file).label(),
                file.rowsRead(), file.rowsAccepted(), file.rowsRejected(), reasons.getOrDefault(file.id(), List.of())))
                .toList();
    }

    private static void writeFiles(Sheet sheet, Styles styles, List<FileLine> files) {
        widths(sheet, FILES_WIDTHS);
        header(sheet.createRow(0), styles, Listings.FILES_HEADER);
        int r = 1;
        for (FileLine file : files) {
            Row row = sheet.createRow(r++);
            text(row, 0, file.name(), styles.cell, styles);
            text(row, 1, file.dataset(), styles.cell, styles);
            number(row, 2, file.version(), styles);
            text(row, 3, file.received(), styles.cell, styles);
            text(row, 4, file.fate(), styles.cell, styles);
            number(row, 5, file.read(), styles);
            number(row, 6, file.accepted(), styles);
            number(row, 7, file.rejected(), styles);
            String reasons = String.join("\n", file.reasons());
            text(row, 8, reasons, styles.cell, styles);
            fitHeight(row, List.of(file.name(), "", "", "", "", "", "", "", reasons), FILES_WIDTHS);
        }
        sheet.setAutoFilter(new CellRangeAddress(0, r - 1, 0, Listings.FILES_HEADER.size() - 1));
        sheet.createFreezePane(0, 1);
    }

    private Map<Long, List<String>> fileReasons(List<SubmittedFile> files) {
        Map<Long, List<String>> reasons = new LinkedHashMap<>();
        rejections.fileReasons(ids(files)).forEach(reason -> reasons
                .computeIfAbsent(reason.submissionId(), id -> new ArrayList<>()).add(Masking.text(reason.message())));
        files.stream().filter(file -> "LEFT".equals(file.status())).forEach(file -> reasons.put(file.id(), List.of(
                "收取时文件的大小或修改时间仍在变化（最后一次为 " + file.sizeBytes() + " 字节），应是尚未上传完成，本次"
                        + "未收取。上传完成后，下次运行会自动收取，无需重新上传。")));
        return reasons;
    }

    /** Every reason of every file, grouped by file and sorted by row (whole-file reasons first), to both outputs. */
    private void writeRows(Sheet sheet, Styles styles, List<SubmittedFile> files, FeedbackText text) throws IOException {
        widths(sheet, ROWS_WIDTHS);
        header(sheet.createRow(0), styles, Listings.REJECTIONS_HEADER);
        int lastRow = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
        int[] next = {1};
        long[] unlisted = {0};
        IOException[] failed = {null};
        rejections.forEachReason(ids(files),
                reason -> {
                    if (failed[0] != null) {
                        return;
                    }
                    Optional<ColumnMapping> column = column(reason.dataset(), reason.columnKey());
                    String header = reason.columnHeader() != null ? reason.columnHeader()
                            : column.map(ColumnMapping::header).orElse("");
                    ColumnType type = column.map(ColumnMapping::type).orElse(ColumnType.TEXT);
                    String code = reason.code();
                    RejectionLine line = new RejectionLine(reason.fileName(), reason.rowNo(), header,
                            ErrorTypes.of(code), code, Masking.text(reason.message()),
                            Masking.value(reason.value(), type));
                    try {
                        text.rejection(line);
                    }
                    catch (IOException e) {
                        failed[0] = e;
                        return;
                    }
                    if (next[0] == lastRow) {
                        unlisted[0]++;
                        return;
                    }
                    rejectionRow(sheet.createRow(next[0]++), styles, line);
                });
        if (failed[0] != null) {
            throw failed[0];
        }
        if (unlisted[0] > 0) {
            String note = "另有 " + unlisted[0] + " 条退回明细超出 Excel 行数上限未列出（文本版中已全部列出），"
                    + "请先按以上说明修正后重新报送";
            sheet.createRow(lastRow).createCell(0).setCellValue(note);
            text.note(note);
        }
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(next[0] - 1, 0), 0, Listings.REJECTIONS_HEADER.size() - 1));
        sheet.createFreezePane(0, 1);
    }

    private static void rejectionRow(Row row, Styles styles, RejectionLine line) {
        text(row, 0, line.file(), styles.cell, styles);
        if (line.row() == null) {
            text(row, 1, Listings.WHOLE_FILE, styles.cell, styles);
        }
        else {
            number(row, 1, line.row(), styles);
        }
        text(row, 2, line.column(), styles.cell, styles);
        text(row, 3, line.type(), styles.cell, styles);
        text(row, 4, line.code(), styles.cell, styles);
        text(row, 5, line.message(), styles.cell, styles);
        text(row, 6, line.value(), styles.cell, styles);
        fitHeight(row, List.of(line.file(), "", line.column(), line.type(), line.code(), line.message(),
                line.value() == null ? "" : line.value()), ROWS_WIDTHS);
    }

    private Optional<ColumnMapping> column(String dataset, String columnKey) {
        if (dataset == null || columnKey == null) {
            return Optional.empty();
        }
        return mappings.get(dataset).column(columnKey);
    }

    private static void widths(Sheet sheet, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
    }

    private static void header(Row row, Styles styles, List<String> titles) {
        for (int i = 0; i < titles.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(titles.get(i));
            cell.setCellStyle(styles.header);
        }
    }

    /** Sets the row as high as its most wrapped cell needs: streamed rows get no automatic height. */
    private static void fitHeight(Row row, List<String> cells, int[] widths) {
        int lines = 1;
        for (int c = 0; c < cells.size(); c++) {
            lines = Math.max(lines, lines(cells.get(c), widths[c]));
        }
        if (lines > 1) {
            row.setHeightInPoints(lines * LINE_POINTS);
        }
    }

    /** How many lines a text takes in a column {@code width} characters wide (CJK characters count double). */
    private static int lines(String text, int width) {
        int lines = 0;
        for (String paragraph : text.split("\n", -1)) {
            int used = paragraph.codePoints().map(c -> c < 0x1100 ? NARROW_CHARACTER : WIDE_CHARACTER).sum();
            int room = (width - 1) * NARROW_CHARACTER;
            lines += Math.max(1, (used + room - 1) / room);
        }
        return lines;
    }

    /** A table cell; formula-like text keeps the quote prefix that shows it as typed. */
    private static void text(Row row, int column, String text, CellStyle style, Styles styles) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        styles.safe.text(cell, text);
    }

    /** A whole number shown as one (a version is 1, not 1.0); an empty table cell when there is none. */
    private static void number(Row row, int column, Integer value, Styles styles) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(styles.whole);
        if (value != null) {
            cell.setCellValue(value);
        }
    }

    private static Long[] ids(List<SubmittedFile> files) {
        return files.stream().map(SubmittedFile::id).toArray(Long[]::new);
    }

    /** The few styles of a feedback workbook, created once per workbook. */
    private static final class Styles {

        private final SafeCells safe;
        private final CellStyle title;
        private final CellStyle bold;
        private final CellStyle header;
        private final CellStyle wrapped;
        private final CellStyle cell;
        private final CellStyle alert;
        private final CellStyle whole;

        Styles(SXSSFWorkbook workbook) {
            safe = SafeCells.of(workbook);
            Font large = workbook.createFont();
            large.setBold(true);
            large.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(large);
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            bold.setWrapText(true);
            bold.setVerticalAlignment(VerticalAlignment.TOP);
            wrapped = workbook.createCellStyle();
            wrapped.setWrapText(true);
            wrapped.setVerticalAlignment(VerticalAlignment.TOP);
            cell = workbook.createCellStyle();
            cell.cloneStyleFrom(wrapped);
            framed(cell);
            header = workbook.createCellStyle();
            header.cloneStyleFrom(cell);
            header.setFont(boldFont);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            Font red = workbook.createFont();
            red.setBold(true);
            red.setColor(IndexedColors.RED.getIndex());
            alert = workbook.createCellStyle();
            alert.cloneStyleFrom(cell);
            alert.setFont(red);
            whole = workbook.createCellStyle();
            whole.cloneStyleFrom(cell);
            whole.setDataFormat(workbook.createDataFormat().getFormat("0"));
            whole.setAlignment(HorizontalAlignment.CENTER);
        }

        /** Thin lines around a table cell, so that the printed table reads as one. */
        private static void framed(CellStyle style) {
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
        }
    }
}
