package org.provincial.reporting.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.provincial.reporting.feedback.RejectedCellMark.CommentBox;
import org.provincial.reporting.ingest.read.FileFormat;
import org.provincial.reporting.ingest.read.SheetRow;
import org.provincial.reporting.ingest.read.TableReader;
import org.provincial.reporting.ingest.read.TableReaders;
import org.provincial.reporting.ingest.read.UnreadableFileException;
import org.provincial.reporting.ingest.validate.HeaderLayout;
import org.provincial.reporting.ingest.validate.HeaderLocator;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.RejectionCode;
import org.provincial.reporting.submission.RejectionRepository;
import org.provincial.reporting.submission.SubmissionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writes a copy of a submitted xlsx with every offending cell filled light red and carrying a comment with the
 * Chinese message(s); a whole-row reason goes on the first cell of the row. The copy is streamed; originals larger than
 * {@code reporting.feedback.annotate-max-bytes} get none (one whose first sheet already has comments is loaded whole).
 * The archived original is never changed.
 */
@Component
class AnnotatedCopy {

    private static final Logger log = LoggerFactory.getLogger(AnnotatedCopy.class);

    /** The header row must stand within the first rows of a file, as when the file was ingested. */
    private static final int HEADER_SEARCH_ROWS = 50;

    private final SubmissionRepository submissions;
    private final RejectionRepository rejections;
    private final DatasetMappings mappings;
    private final ReportingHome home;
    private final FeedbackProperties properties;

    AnnotatedCopy(SubmissionRepository submissions, RejectionRepository rejections, DatasetMappings mappings,
            ReportingHome home, FeedbackProperties properties) {
        this.submissions = submissions;
        this.rejections = rejections;
        this.mappings = mappings;
        this.home = home;
        this.properties = properties;
    }

    /**
     * Writes {@code <submitter>-<period>-<original name without extension>-批注.xlsx}, the annotated copy of
     * {@code file} (an xlsx with rejected rows), into {@code directory}; empty when it is too large, cannot be read or
     * was purged.
     */
    Optional<Path> write(SubmittedFile file, String period, Path directory) {
        long limit = properties.annotateMaxBytes().toBytes();
        if (file.sizeBytes() > limit) {
            log.info("No annotated copy of {} from {}: {} bytes is more than reporting.feedback.annotate-max-bytes"
                    + " ({} bytes)", file.fileName(), file.submitter(), file.sizeBytes(), limit);
            return Optional.empty();
        }
        if (submissions.isPurged(file.id())) {
            log.info("No annotated copy of {} from {}: its original was purged under the retention setting"
                    + " (reporting.retention.months)", file.fileName(), file.submitter());
            return Optional.empty();
        }
        Path original = home.root().resolve(file.archivePath());
        DatasetMapping mapping = mappings.get(file.dataset());
        Path target = directory.resolve(file.submitter() + "-" + period + "-" + file.baseName() + "-批注.xlsx");
        try {
            Optional<HeaderLayout> layout = Optional.empty();
            if (rejections.hasRowReasonsWithoutColumnIndex(file.id())) {
                layout = headerLayout(original, mapping);
                if (layout.isEmpty()) {
                    log.warn("No annotated copy of {} from {}: its header row is not found again", file.fileName(),
                            file.submitter());
                    return Optional.empty();
                }
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, ".annotated-", ".xlsx.part");
            try {
                annotate(file, original, mapping, layout, partial);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return Optional.of(target);
            }
            finally {
                Files.deleteIfExists(partial);
            }
        }
        catch (IOException | UnreadableFileException | RuntimeException e) {
            log.warn("No annotated copy of {} from {}: {}", file.fileName(), file.submitter(), e.toString());
            return Optional.empty();
        }
    }

    private static Optional<HeaderLayout> headerLayout(Path original, DatasetMapping mapping)
            throws UnreadableFileException {
        HeaderLocator locator = new HeaderLocator(mapping);
        try (TableReader reader = TableReaders.open(original, FileFormat.XLSX)) {
            SheetRow row = reader.next();
            for (int offered = 0; row != null && offered < HEADER_SEARCH_ROWS; offered++, row = reader.next()) {
                Optional<HeaderLayout> layout = locator.offer(row.rowNumber(), row.cells());
                if (layout.isPresent()) {
                    return layout;
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Streams the original into the copy with its marks ({@link XlsxAnnotator}); an original whose first sheet has
     * comments of its own is loaded whole instead, from a stream, so that nothing is ever written back to the archive.
     */
    private void annotate(SubmittedFile file, Path original, DatasetMapping mapping, Optional<HeaderLayout> layout,
            Path partial) throws IOException {
        NavigableMap<Integer, NavigableMap<Integer, String>> marks = new TreeMap<>();
        rejections.forEachRowReason(file.id(), RejectionCode.ROW_IGNORED.name(),
                reason -> {
                    String columnKey = reason.columnKey();
                    Integer columnIndex = reason.columnIndex();
                    int column = columnKey == null ? -1 : columnIndex != null ? columnIndex
                            : layout.orElseThrow().columnIndexes()[mapping.indexOf(columnKey)];
                    int row = reason.rowNo();
                    String visibleCell = reason.visibleCell();
                    if (visibleCell != null) {
                        // a value in a merged range is marked where the clerk sees it, its top-left cell
                        CellReference topLeft = new CellReference(visibleCell);
                        row = topLeft.getRow() + 1;
                        column = topLeft.getCol();
                    }
                    marks.computeIfAbsent(row, r -> new TreeMap<>()).merge(column, Masking.text(reason.message()),
                            (a, b) -> a.contains(b) ? a : a + "\n" + b);
                });
        String sheetName = submissions.dataSheet(file.id());
        if (XlsxAnnotator.annotate(original, sheetName, marks, partial)) {
            return;
        }
        try (InputStream in = Files.newInputStream(original); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Annotations annotations = new Annotations(workbook, sheetName);
            marks.forEach((row, columns) -> columns.forEach((column, message) -> annotations.add(row, column, message)));
            try (OutputStream out = Files.newOutputStream(partial)) {
                workbook.write(out);
            }
        }
    }

    /** Marks cells of the data sheet (the first when unknown): one fill style per original style, one comment per cell. */
    private static final class Annotations {

        private final XSSFWorkbook workbook;
        private final XSSFSheet sheet;
        private final XSSFDrawing drawing;
        private final CreationHelper helper;
        private final Map<Short, XSSFCellStyle> filledByOriginal = new HashMap<>();
        private final Set<Short> filledIndexes = new HashSet<>();

        Annotations(XSSFWorkbook workbook, String sheetName) {
            this.workbook = workbook;
            XSSFSheet named = sheetName == null ? null : workbook.getSheet(sheetName);
            this.sheet = named == null ? workbook.getSheetAt(0) : named;
            this.drawing = sheet.createDrawingPatriarch();
            this.helper = workbook.getCreationHelper();
        }

        /** Marks the cell of a row (1-based) and column (0-based; -1: the row's first cell). */
        void add(int rowNumber, int column, String message) {
            XSSFRow row = sheet.getRow(rowNumber - 1);
            if (row == null) {
                row = sheet.createRow(rowNumber - 1);
            }
            int at = column < 0 ? Math.max(row.getFirstCellNum(), 0) : column;
            XSSFCell cell = row.getCell(at);
            if (cell == null) {
                cell = row.createCell(at);
            }
            fill(cell);
            comment(cell, message);
        }

        private void fill(XSSFCell cell) {
            XSSFCellStyle original = cell.getCellStyle();
            if (filledIndexes.contains(original.getIndex())) {
                return;
            }
            cell.setCellStyle(filledByOriginal.computeIfAbsent(original.getIndex(), index -> {
                XSSFCellStyle style = workbook.createCellStyle();
                style.cloneStyleFrom(original);
                style.setFillForegroundColor(new XSSFColor(HexFormat.of().parseHex(RejectedCellMark.FILL_RGB)));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                filledIndexes.add(style.getIndex());
                return style;
            }));
        }

        private void comment(XSSFCell cell, String message) {
            XSSFComment comment = cell.getCellComment();
            if (comment != null) {
                comment.setString(helper.createRichTextString(comment.getString().getString() + "\n" + message));
                return;
            }
            CommentBox box = CommentBox.beside(cell.getRowIndex(), cell.getColumnIndex());
            ClientAnchor anchor = helper.createClientAnchor();
            anchor.setCol1(box.firstColumn());
            anchor.setCol2(box.lastColumn());
            anchor.setRow1(box.firstRow());
            anchor.setRow2(box.lastRow());
            comment = drawing.createCellComment(anchor);
            comment.setAuthor(RejectedCellMark.AUTHOR);
            comment.setString(helper.createRichTextString(message));
            cell.setCellComment(comment);
        }
    }
}
