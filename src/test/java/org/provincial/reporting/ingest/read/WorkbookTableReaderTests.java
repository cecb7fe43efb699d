package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.ingest.read.Tables.description;
import static org.provincial.reporting.ingest.read.Tables.rows;
import static org.provincial.reporting.ingest.read.Tables.unreadableMessage;

/** Tests reading .xlsx and .xls submissions: cell texts, row numbers, mislabelled and broken files. */
class WorkbookTableReaderTests {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, names = {"XLSX", "XLS"})
    void readsTheFirstSheetAsPeopleSeeIt(FileFormat format) throws Exception {
        Path file = writeVisits(format);

        assertThat(rows(file, format)).containsExactly(
                new SheetRow(1, Collections.nCopies(6, "2025年1月慰问情况统计表"),
                        Map.of(1, "A1", 2, "A1", 3, "A1", 4, "A1", 5, "A1")),
                new SheetRow(2, List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）")),
                new SheetRow(3, List.of("440103", "11010119900307451X", "张三", "困难职工", "2025-01-20", "666.66")),
                new SheetRow(5, List.of("440104", "20250120", "0.3", "1234567", "20250120", "2025-01-20 08:30:00")),
                new SheetRow(6, List.of("1333.32", "", "#N/A", "困难职工家庭", "TRUE", "#DIV/0!", "2025-01-21")),
                new SheetRow(8, List.of("", "", "只有第三列")));
        assertThat(description(file, format)).isEqualTo(format.name());
    }

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, names = {"XLSX", "XLS"})
    void returnsNoRowsForAnEmptySheet(FileFormat format) throws Exception {
        Workbook workbook = workbook(format);
        workbook.createSheet("空");
        Path file = write(format, workbook, "empty");

        try (TableReader reader = TableReaders.open(file, format)) {
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, names = {"XLSX", "XLS"})
    void refusesCsvTextNamedAsAWorkbook(FileFormat format) throws Exception {
        Path file = Files.writeString(dir.resolve("visits." + extension(format)), "行政区划代码,姓名\n440103,张三\n");

        assertThat(unreadableMessage(file, format))
                .startsWith("文件无法读取：扩展名为." + extension(format) + "，但内容不是Excel");
    }

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, names = {"XLSX", "XLS"})
    void refusesBinaryGarbage(FileFormat format) throws Exception {
        byte[] garbage = new byte[10_000];
        new Random(7).nextBytes(garbage);
        Path file = Files.write(dir.resolve("garbage." + extension(format)), garbage);

        unreadableMessage(file, format);
    }

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, names = {"XLSX", "XLS"})
    void refusesAnEmptyFile(FileFormat format) throws Exception {
        Path file = Files.write(dir.resolve("empty." + extension(format)), new byte[0]);

        assertThat(unreadableMessage(file, format)).contains("文件是空的");
    }

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, names = {"XLSX", "XLS"})
    void refusesATruncatedWorkbook(FileFormat format) throws Exception {
        Path complete = writeVisits(format);
        byte[] bytes = Files.readAllBytes(complete);
        Path file = Files.write(dir.resolve("truncated." + extension(format)), Arrays.copyOf(bytes, bytes.length / 2));

        unreadableMessage(file, format);
    }

    @Test
    void refusesAnXlsWorkbookNamedXlsx() throws Exception {
        Path xls = writeVisits(FileFormat.XLS);
        Path file = Files.copy(xls, dir.resolve("renamed.xlsx"));

        assertThat(unreadableMessage(file, FileFormat.XLSX)).contains("而是Excel 97-2003工作簿（.xls）");
    }

    @Test
    void refusesAnXlsxWorkbookNamedXls() throws Exception {
        Path xlsx = writeVisits(FileFormat.XLSX);
        Path file = Files.copy(xlsx, dir.resolve("renamed.xls"));

        assertThat(unreadableMessage(file, FileFormat.XLS)).contains("而是Excel工作簿（.xlsx）");
    }

    @Test
    void refusesAZipThatIsNotAWorkbook() throws Exception {
        Path file = dir.resolve("archive.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("不是工作簿".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThat(unreadableMessage(file, FileFormat.XLSX)).contains("不是有效的Excel工作簿");
    }

    @Test
    void refusesAWebPageNamedXls() throws Exception {
        Path file = Files.writeString(dir.resolve("export.xls"),
                "<html><body><table><tr><td>行政区划代码</td></tr></table></body></html>");

        assertThat(unreadableMessage(file, FileFormat.XLS)).contains("而是网页或XML文件");
    }

    @Test
    void streamsTwoHundredThousandRowXlsx() throws Exception {
        Path file = dir.resolve("big.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet();
            textRow(sheet, 0, "行政区划代码", "姓名", "慰问金额（元）");
            for (int i = 1; i <= 200_000; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("440103");
                row.createCell(1).setCellValue("张三" + i);
                row.createCell(2).setCellValue(500.5);
            }
            workbook.write(out);
            workbook.dispose();
        }

        try (TableReader reader = TableReaders.open(file, FileFormat.XLSX)) {
            int count = 0;
            SheetRow last = null;
            for (SheetRow row = reader.next(); row != null; row = reader.next()) {
                count++;
                last = row;
            }
            assertThat(count).isEqualTo(200_001);
            assertThat(last).isEqualTo(new SheetRow(200_001, List.of("440103", "张三200000", "500.5")));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 120_000})
    void readsRichTextTheSameWhetherTheSharedStringsStayInTheHeapOrGoToATempFile(int names) throws Exception {
        boolean inHeap = names * (long) XlsxTableReader.HEAP_PER_SHARED_STRING < XlsxTableReader.MAX_SHARED_STRINGS_HEAP;
        assertThat(inHeap).as("%d names in the heap", names).isEqualTo(names == 10);
        Path file = dir.resolve("names.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, false, true); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet();
            XSSFRichTextString title = new XSSFRichTextString("2025年1月 慰问 ");
            Font bold = workbook.createFont();
            bold.setBold(true);
            title.applyFont(0, 7, bold);
            sheet.createRow(0).createCell(0).setCellValue(title);
            for (int i = 1; i <= names; i++) {
                sheet.createRow(i).createCell(0).setCellValue("张三" + i);
            }
            workbook.write(out);
            workbook.dispose();
        }

        List<SheetRow> rows = rows(file, FileFormat.XLSX);

        assertThat(rows).hasSize(names + 1);
        assertThat(rows.get(0)).isEqualTo(new SheetRow(1, List.of("2025年1月 慰问 ")));
        assertThat(rows.get(names)).isEqualTo(new SheetRow(names + 1, List.of("张三" + names)));
    }

    @Test
    void readsTheDatesOfAWorkbookThatCountsDaysFrom1904() throws Exception {
        XSSFWorkbook workbook = new XSSFWorkbook();
        workbook.getCTWorkbook().getWorkbookPr().setDate1904(true);
        Row row = workbook.createSheet().createRow(0);
        Cell date = row.createCell(0);
        date.setCellValue(LocalDate.of(2025, 1, 20));
        date.setCellStyle(style(workbook, "yyyy-mm-dd"));
        row.createCell(1).setCellValue(date.getNumericCellValue());
        Path file = write(FileFormat.XLSX, workbook, "mac");

        assertThat(rows(file, FileFormat.XLSX)).containsExactly(new SheetRow(1, List.of("2025-01-20", "44215")));
    }

    @Test
    void readsIsoDateCellsOfStrictWorkbooksAsTheirDates() throws Exception {
        XSSFWorkbook workbook = new XSSFWorkbook();
        CellStyle date = style(workbook, "yyyy-mm-dd");
        workbook.createSheet().createRow(0).createCell(0).setCellStyle(date);
        Path file = write(FileFormat.XLSX, workbook, "strict");
        int style = date.getIndex();
        // POI writes no t="d" cells, Excel's strict format and other writers do: the sheet's rows are replaced
        rewriteSheetData(file, "<row r=\"1\"><c r=\"A1\" s=\"" + style + "\" t=\"d\"><v>2025-01-20</v></c>"
                + "<c r=\"B1\" s=\"" + style + "\" t=\"d\"><v>2025-01-20T08:30:00</v></c>"
                + "<c r=\"C1\" t=\"d\"><v>2025-01-20</v></c></row>");

        assertThat(rows(file, FileFormat.XLSX)).containsExactly(
                new SheetRow(1, List.of("2025-01-20", "2025-01-20 08:30:00", "45677")));
    }

    /**
     * A visits sheet with a merged title, a header, then typed values, a blank row, numbers, formulas and a sparse
     * row; a second sheet that must not be read.
     */
    private Path writeVisits(FileFormat format) throws IOException {
        Workbook workbook = workbook(format);
        Sheet sheet = workbook.createSheet("慰问");
        CellStyle date = style(workbook, "yyyy-mm-dd");
        CellStyle dateTime = style(workbook, "yyyy-mm-dd hh:mm");

        textRow(sheet, 0, "2025年1月慰问情况统计表");
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 5));
        textRow(sheet, 1, "行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）");

        Row visit = textRow(sheet, 2, "440103", "11010119900307451X", "张三", "困难职工");
        Cell visitDate = visit.createCell(4);
        visitDate.setCellValue(LocalDate.of(2025, 1, 20));
        visitDate.setCellStyle(date);
        visit.createCell(5).setCellValue(666.66);

        Row blank = sheet.createRow(3);
        blank.createCell(0).setCellStyle(date);
        blank.createCell(2).setCellValue("  ");

        Row numbers = sheet.createRow(4);
        numbers.createCell(0).setCellValue(440104);
        numbers.createCell(1).setCellValue("20250120");
        numbers.createCell(2).setCellValue(0.1 + 0.2);
        numbers.createCell(3).setCellValue(1234567);
        numbers.createCell(4).setCellValue(20250120);
        Cell time = numbers.createCell(5);
        time.setCellValue(LocalDateTime.of(2025, 1, 20, 8, 30));
        time.setCellStyle(dateTime);

        Row formulas = sheet.createRow(5);
        formulas.createCell(0).setCellFormula("F3*2");
        Cell uncached = formulas.createCell(1);
        uncached.setCellFormula("F3*3");
        if (format == FileFormat.XLS) {
            // an .xls formula always stores a result (POI writes 0 unless told): the nearest to none is an empty one
            uncached.setCellValue("");
        }
        formulas.createCell(2).setCellFormula("NA()");
        formulas.createCell(3).setCellFormula("D3&\"家庭\"");
        formulas.createCell(4).setCellValue(true);
        formulas.createCell(5).setCellErrorValue(FormulaError.DIV0.getCode());
        Cell nextDay = formulas.createCell(6);
        nextDay.setCellFormula("E3+1");
        nextDay.setCellStyle(date);
        FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
        for (int column : new int[] {0, 2, 3, 6}) {
            evaluator.evaluateFormulaCell(formulas.getCell(column));
        }

        sheet.createRow(7).createCell(2).setCellValue("只有第三列");
        textRow(workbook.createSheet("说明"), 0, "第二个工作表不读");
        return write(format, workbook, "visits");
    }

    private static Workbook workbook(FileFormat format) {
        return format == FileFormat.XLSX ? new XSSFWorkbook() : new HSSFWorkbook();
    }

    private Path write(FileFormat format, Workbook workbook, String name) throws IOException {
        Path file = dir.resolve(name + "." + extension(format));
        try (workbook; OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        return file;
    }

    /** Replaces the rows of the first sheet of an .xlsx file (xl/worksheets/sheet1.xml) by {@code rows}. */
    private static void rewriteSheetData(Path file, String rows) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        String sheet = new String(entries.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8)
                .replaceFirst("<sheetData>.*</sheetData>", "<sheetData>" + rows + "</sheetData>");
        entries.put("xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.UTF_8));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    private static CellStyle style(Workbook workbook, String dataFormat) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat(dataFormat));
        return style;
    }

    private static Row textRow(Sheet sheet, int index, String... texts) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < texts.length; i++) {
            row.createCell(i).setCellValue(texts[i]);
        }
        return row;
    }

    private static String extension(FileFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }
}
