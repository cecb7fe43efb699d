package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.ingest.read.Tables.description;
import static org.provincial.reporting.ingest.read.Tables.rows;
import static org.provincial.reporting.ingest.read.Tables.unreadableMessage;

/** Tests reading CSV submissions: encodings, quoting, row numbers, hostile and mislabelled files. */
class CsvTableReaderTests {

    private static final Charset GBK = Charset.forName("GBK");

    /** A visits file as a county clerk saves it from Excel: title row, header, quoted cells, blank lines. */
    private static final String VISITS = String.join("\r\n",
            "2025年1月慰问情况统计表,,,,,",
            "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）",
            "440103,11010119900307451X,张三,困难职工,2025-01-20,\"1,234.50\"",
            "",
            "440104,110101199003074534,\"李四",
            "（外卖配送员）\",新就业形态劳动者,2025/1/20,500元",
            " , ,  ",
            "440105,110101199003074550,王五,\"坚守岗位一线职工\",2025年1月20日,\"说\"\"明\"",
            "");

    private static final List<SheetRow> VISIT_ROWS = List.of(
            new SheetRow(1, List.of("2025年1月慰问情况统计表")),
            new SheetRow(2, List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）")),
            new SheetRow(3, List.of("440103", "11010119900307451X", "张三", "困难职工", "2025-01-20", "1,234.50")),
            new SheetRow(5, List.of("440104", "110101199003074534", "李四\r\n（外卖配送员）", "新就业形态劳动者", "2025/1/20",
                    "500元")),
            new SheetRow(7, List.of("440105", "110101199003074550", "王五", "坚守岗位一线职工", "2025年1月20日", "说\"明")));

    @TempDir
    Path dir;

    @Test
    void readsUtf8WithoutByteOrderMark() throws Exception {
        Path file = write("utf8.csv", VISITS.getBytes(StandardCharsets.UTF_8));

        assertThat(rows(file, FileFormat.CSV)).containsExactlyElementsOf(VISIT_ROWS);
        assertThat(description(file, FileFormat.CSV)).isEqualTo("CSV UTF-8");
    }

    @Test
    void stripsTheUtf8ByteOrderMark() throws Exception {
        Path file = write("bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                VISITS.getBytes(StandardCharsets.UTF_8)));

        assertThat(rows(file, FileFormat.CSV)).containsExactlyElementsOf(VISIT_ROWS);
        assertThat(description(file, FileFormat.CSV)).isEqualTo("CSV UTF-8 BOM");
    }

    @Test
    void detectsGbkWhenTheFileIsNotValidUtf8() throws Exception {
        Path file = write("gbk.csv", VISITS.getBytes(GBK));

        assertThat(rows(file, FileFormat.CSV)).containsExactlyElementsOf(VISIT_ROWS);
        assertThat(description(file, FileFormat.CSV)).isEqualTo("CSV GB18030");
    }

    @Test
    void checksTheWholeFileForUtf8NotJustItsStart() throws Exception {
        String asciiStart = "region_code,amount\n" + "440103,1\n".repeat(20_000);
        Path file = write("late-gbk.csv", (asciiStart + "440104,慰问金额\n").getBytes(GBK));

        List<SheetRow> rows = rows(file, FileFormat.CSV);

        assertThat(rows).hasSize(20_002);
        assertThat(rows.get(20_001)).isEqualTo(new SheetRow(20_002, List.of("440104", "慰问金额")));
    }

    @Test
    void keepsUtf8WhenACharacterSpansTwoReadChunks() throws Exception {
        // the encoding check reads 64 KiB at a time: 困 takes the last byte of the first chunk and two of the next
        String text = "x".repeat(64 * 1024 - 1) + "困难职工\n";
        Path file = write("straddling.csv", text.getBytes(StandardCharsets.UTF_8));

        assertThat(description(file, FileFormat.CSV)).isEqualTo("CSV UTF-8");
        assertThat(rows(file, FileFormat.CSV)).singleElement()
                .satisfies(row -> assertThat(row.cells().get(0)).endsWith("x困难职工"));
    }

    @Test
    void countsLinesEndedByLineFeedOnlyOrCarriageReturnOnly() throws Exception {
        Path file = write("endings.csv", "title\n\nheader\r\rvalue\n".getBytes(StandardCharsets.UTF_8));

        assertThat(rows(file, FileFormat.CSV)).containsExactly(
                new SheetRow(1, List.of("title")),
                new SheetRow(3, List.of("header")),
                new SheetRow(5, List.of("value")));
    }

    @Test
    void returnsNoRowsForAnEmptyFile() throws Exception {
        Path file = write("empty.csv", new byte[0]);

        try (TableReader reader = TableReaders.open(file, FileFormat.CSV)) {
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void returnsNoRowsForAFileOfBlankLines() throws Exception {
        Path file = write("blank.csv", "\r\n,,,\r\n  \r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(rows(file, FileFormat.CSV)).isEmpty();
    }

    @Test
    void refusesAFileWithNulBytes() throws Exception {
        Path file = write("utf16.csv", "行政区划代码,身份证号\n".getBytes(StandardCharsets.UTF_16LE));

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("二进制");
    }

    @Test
    void refusesBinaryGarbage() throws Exception {
        byte[] garbage = new byte[10_000];
        new Random(42).nextBytes(garbage);
        garbage[5_000] = 0;
        Path file = write("garbage.csv", garbage);

        unreadableMessage(file, FileFormat.CSV);
    }

    @Test
    void refusesAZipRenamedToCsv() throws Exception {
        Path file = dir.resolve("archive.csv");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("visits.csv"));
            zip.write("行政区划代码\n440103\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThat(unreadableMessage(file, FileFormat.CSV))
                .startsWith("文件无法读取：扩展名为.csv，但内容不是CSV文本，而是Excel工作簿（.xlsx）或其他压缩文件");
    }

    @Test
    void refusesAnXlsWorkbookRenamedToCsv() throws Exception {
        Path file = dir.resolve("workbook.csv");
        try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            workbook.createSheet().createRow(0).createCell(0).setCellValue("行政区划代码");
            workbook.write(out);
        }

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("而是Excel 97-2003工作簿（.xls）");
    }

    @Test
    void refusesAnUnmatchedQuoteNamingTheRow() throws Exception {
        Path file = write("quote.csv", "行政区划代码,姓名\n440103,张三\n440104,\"李四\" 二\n".getBytes(StandardCharsets.UTF_8));

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("第3行").contains("引号");
    }

    @Test
    void refusesAQuoteLeftOpenUntilTheEndOfTheFile() throws Exception {
        Path file = write("open.csv", "行政区划代码,姓名\n\n440104,\"李四\n440105,王五\n".getBytes(StandardCharsets.UTF_8));

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("第3行").contains("引号");
    }

    @Test
    void refusesAFieldLongerThanAMillionCharacters() throws Exception {
        Path file = dir.resolve("long-field.csv");
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("行政区划代码,姓名\n440103,\"");
            out.write("长".repeat(CsvLimitsReader.MAX_FIELD_LENGTH + 1));
            out.write("\"\n");
        }

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("第2行").contains("1000000个字符");
    }

    @Test
    void refusesARowWithMoreThanAThousandCells() throws Exception {
        String wide = "1,".repeat(CsvLimitsReader.MAX_CELLS) + "1\n";
        Path file = write("wide.csv", ("a\n\n" + wide).getBytes(StandardCharsets.UTF_8));

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("第3行").contains("超过1000列");
    }

    @Test
    void acceptsARowOfExactlyAThousandCells() throws Exception {
        String wide = "1,".repeat(CsvLimitsReader.MAX_CELLS - 1) + "1\n";
        Path file = write("wide.csv", wide.getBytes(StandardCharsets.UTF_8));

        assertThat(rows(file, FileFormat.CSV)).singleElement()
                .satisfies(row -> assertThat(row.cells()).hasSize(CsvLimitsReader.MAX_CELLS));
    }

    @Test
    void streamsTwoHundredThousandRows() throws Exception {
        Path file = dir.resolve("big.csv");
        try (Writer out = Files.newBufferedWriter(file, GBK)) {
            out.write("行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）\n");
            for (int i = 0; i < 200_000; i++) {
                out.write("440103,11010119900307451X,张三" + i + ",困难职工,2025-01-20,\"1,000.00\"\n");
            }
        }

        try (TableReader reader = TableReaders.open(file, FileFormat.CSV)) {
            int count = 0;
            SheetRow last = null;
            for (SheetRow row = reader.next(); row != null; row = reader.next()) {
                count++;
                last = row;
            }
            assertThat(count).isEqualTo(200_001);
            assertThat(last).isEqualTo(new SheetRow(200_001,
                    List.of("440103", "11010119900307451X", "张三199999", "困难职工", "2025-01-20", "1,000.00")));
        }
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
