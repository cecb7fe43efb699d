package org.provincial.reporting.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.support.LibreOffice;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed annotated copy, read back with POI: marked cells filled and commented, the rest as it was. */
class XlsxAnnotatorTests {

    @TempDir
    Path directory;

    @Test
    void fillsAndCommentsTheMarkedCellsKeepingTheirFormats() throws IOException {
        Path original = original(false);
        Path copy = directory.resolve("copy.xlsx");

        assertThat(XlsxAnnotator.annotate(original, null, marks(), copy)).isTrue();

        try (XSSFWorkbook workbook = open(copy)) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            XSSFCell date = sheet.getRow(1).getCell(1);
            assertThat(filled(date)).isTrue();
            assertThat(date.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(date.getCellComment().getString().getString()).isEqualTo("日期不在报送月份内");
            assertThat(date.getCellComment().getAuthor()).isEqualTo("数据校验");
            assertThat(filled(sheet.getRow(1).getCell(0))).isFalse();
            assertThat(sheet.getRow(1).getCell(0).getCellComment()).isNull();
            assertThat(sheet.getRow(0).getCell(1).getCellComment()).isNull();
        }
    }

    @Test
    void putsAWholeRowReasonOnTheFirstCellAndAddsTheCellsARowLacks() throws IOException {
        Path copy = directory.resolve("copy.xlsx");

        XlsxAnnotator.annotate(original(false), null, marks(), copy);

        try (XSSFWorkbook workbook = open(copy)) {
            XSSFRow row = workbook.getSheetAt(0).getRow(2);
            assertThat(row.getCell(0).getCellComment().getString().getString()).isEqualTo("与第 2 行重复");
            assertThat(filled(row.getCell(0))).isTrue();
            XSSFCell missing = row.getCell(2);
            assertThat(missing.getStringCellValue()).isEmpty();
            assertThat(filled(missing)).isTrue();
            assertThat(missing.getCellComment().getString().getString()).isEqualTo("金额不能为空\n金额必须是数字");
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("备注");
            assertThat(row.getCell(3).getCellComment()).isNull();
        }
    }

    @Test
    void annotatesAWorkbookSavedByLibreOfficeIntoACopyLibreOfficeOpensWithTheSameCells() throws Exception {
        // the original as LibreOffice saves it: its own styles, shared strings and sheet layout
        Path original = LibreOffice.convert(original(false), "xlsx", directory.resolve("saved"));
        Path copy = directory.resolve("copy.xlsx");

        assertThat(XlsxAnnotator.annotate(original, null, marks(), copy)).isTrue();

        try (XSSFWorkbook workbook = open(copy)) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(filled(sheet.getRow(1).getCell(1))).isTrue();
            assertThat(sheet.getRow(1).getCell(1).getCellComment().getString().getString()).isEqualTo("日期不在报送月份内");
            assertThat(sheet.getRow(2).getCell(0).getCellComment().getString().getString()).isEqualTo("与第 2 行重复");
            assertThat(sheet.getRow(2).getCell(2).getCellComment().getString().getString())
                    .isEqualTo("金额不能为空\n金额必须是数字");
        }
        String csv = "csv:Text - txt - csv (StarCalc):44,34,76";
        Path originalText = LibreOffice.convert(original, csv, directory.resolve("original-text"));
        Path copyText = LibreOffice.convert(copy, csv, directory.resolve("copy-text"));
        assertThat(Files.readString(copyText)).contains("张三").isEqualTo(Files.readString(originalText));
    }

    @Test
    void leavesASheetWithCommentsOfItsOwnToTheCaller() throws IOException {
        Path copy = directory.resolve("copy.xlsx");

        assertThat(XlsxAnnotator.annotate(original(true), null, marks(), copy)).isFalse();
        assertThat(copy).doesNotExist();
    }

    private static NavigableMap<Integer, NavigableMap<Integer, String>> marks() {
        NavigableMap<Integer, NavigableMap<Integer, String>> marks = new TreeMap<>();
        marks.computeIfAbsent(2, row -> new TreeMap<>()).put(1, "日期不在报送月份内");
        marks.computeIfAbsent(3, row -> new TreeMap<>()).put(-1, "与第 2 行重复");
        marks.get(3).put(2, "金额不能为空\n金额必须是数字");
        return marks;
    }

    /** Header, a row with a formatted date, and a row without its third cell; with a comment on A1 if asked. */
    private Path original(boolean withComment) throws IOException {
        Path file = directory.resolve(withComment ? "commented.xlsx" : "original.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = workbook.createSheet("慰问");
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("姓名");
            header.createCell(1).setCellValue("日期");
            header.createCell(2).setCellValue("金额");
            header.createCell(3).setCellValue("备注");
            XSSFCellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            XSSFRow first = sheet.createRow(1);
            first.createCell(0).setCellValue("张三");
            XSSFCell date = first.createCell(1);
            date.setCellValue(java.time.LocalDate.of(2025, 2, 3));
            date.setCellStyle(dateStyle);
            first.createCell(2).setCellValue(500);
            XSSFRow second = sheet.createRow(2);
            second.createCell(0).setCellValue("张三");
            second.createCell(1).setCellValue("2025-01-05");
            second.createCell(3).setCellValue("备注");
            if (withComment) {
                ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
                XSSFComment comment = sheet.createDrawingPatriarch().createCellComment(anchor);
                comment.setString(workbook.getCreationHelper().createRichTextString("填表人的批注"));
                header.getCell(0).setCellComment(comment);
            }
            workbook.write(out);
        }
        return file;
    }

    private static boolean filled(XSSFCell cell) {
        XSSFCellStyle style = cell.getCellStyle();
        return style.getFillPattern() == FillPatternType.SOLID_FOREGROUND
                && ((XSSFColor) style.getFillForegroundColorColor()).getARGBHex().endsWith("FFC7CE");
    }

    private static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }
}
