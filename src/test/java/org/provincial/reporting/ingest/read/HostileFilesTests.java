package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.ingest.read.RepeatingZip.Entry;
import static org.provincial.reporting.ingest.read.Tables.rows;
import static org.provincial.reporting.ingest.read.Tables.unreadableMessage;

/** Tests that hostile and broken files are refused with a reason for the clerk, or read, in bounded time and memory. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileFilesTests {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String SHEET = "xl/worksheets/sheet1.xml";
    private static final String SHARED_STRINGS = "xl/sharedStrings.xml";
    private static final String WORKBOOK = "xl/workbook.xml";
    private static final String PIPELINE_HEAP = "384m";
    private static final Charset GBK = Charset.forName("GBK");
    private static final int REALISTIC_ROWS = 4_000;

    @TempDir
    Path dir;

    // ---- xlsx: zip bombs and parts built to exhaust the heap or the CPU -------------------------------------------

    @Test
    void readsTheHandBuiltWorkbookTheHostileOnesAreMadeFrom() throws Exception {
        Path file = xlsx("skeleton");

        assertThat(rows(file, FileFormat.XLSX)).containsExactly(new SheetRow(1, List.of("行政区划代码", "440103")));
    }

    @Test
    void refusesAZipBombBeforeInflatingIt() throws Exception {
        // ~470 MB of identical cells in a few hundred KB: past the first 100 KiB the ratio gives it away
        Entry sheet = Entry.repeating(SHEET, "<worksheet xmlns=\"" + MAIN + "\"><sheetData>",
                "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>".repeat(20_000), 500, "</sheetData></worksheet>");
        Path file = xlsx("ratio-bomb", sheet);
        assertThat(Files.size(file)).isLessThan(2_000_000);

        assertThat(readInOwnJvm(file, FileFormat.XLSX, PIPELINE_HEAP).unreadable()).contains("膨胀超过100倍").contains("压缩炸弹");
    }

    @Test
    void refusesASheetThatExpandsPastTheSizeLimitAtAnInnocentRatio() throws Exception {
        // compresses less than 100:1, as a real sheet of repetitive rows does, so only the expanded size can stop it
        Path file = xlsx("size-bomb", sheetOfRealisticRows(XlsxPackageCheck.MAX_STREAMED_SIZE + (10 << 20)));
        assertThat(Files.size(file)).isGreaterThan(XlsxPackageCheck.MAX_STREAMED_SIZE / 100);

        assertThat(readInOwnJvm(file, FileFormat.XLSX, PIPELINE_HEAP).unreadable()).contains("超过1024MB");
    }

    @Test
    void streamsALegitimateSheetOfFiftyMegabytesInThePipelinesHeap() throws Exception {
        Entry sheet = sheetOfRealisticRows(50L << 20);

        ProbeOutcome outcome = readInOwnJvm(xlsx("big", sheet), FileFormat.XLSX, PIPELINE_HEAP);

        assertThat(outcome.rowCount()).isEqualTo(REALISTIC_ROWS * sheet.repeats());
        assertThat(outcome.lastRow()).startsWith("440103|").endsWith("|500.5");
    }

    @Test
    void keepsPoisOwnZipBombLimitInStepWithThePackageCheck() throws Exception {
        rows(xlsx("skeleton"), FileFormat.XLSX);

        assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(XlsxPackageCheck.MAX_STREAMED_SIZE);
        assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(0.01);
    }

    /** Parts that compress above POI's minimum ratio but would hold hundreds of MB at once, or take hours to join. */
    static Stream<Arguments> heapAndCpuBombs() {
        String text = noise(1 << 20);
        String sheetStart = "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\">";
        String sheetEnd = "</row></sheetData></worksheet>";
        return Stream.of(
                Arguments.of("a cell of 300 MB", Entry.repeating(SHEET, sheetStart + "<c t=\"inlineStr\"><is><t>", text, 300,
                        "</t></is></c>" + sheetEnd), "单元格超过1000000个字符"),
                Arguments.of("a comment of 300 MB", Entry.repeating(SHEET, sheetStart + "<!--", text, 300, "-->" + sheetEnd),
                        "超过1MB的单个XML标记"),
                Arguments.of("an attribute of 300 MB", Entry.repeating(SHEET, sheetStart + "<c r=\"A1\" s=\"", text, 300,
                        "\"/>" + sheetEnd), "超过1MB的单个XML标记"),
                Arguments.of("a shared string of 300 MB", Entry.repeating(SHARED_STRINGS, "<sst xmlns=\"" + MAIN + "\"><si><t>",
                        text, 300, "</t></si></sst>"), "单元格超过1000000个字符"),
                Arguments.of("a cell of 400,000 rich-text runs", Entry.repeating(SHEET, sheetStart + "<c t=\"inlineStr\"><is>",
                        richTextRuns(1_000), 400, "</is></c>" + sheetEnd), "格式过于零碎"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heapAndCpuBombs")
    void refusesPartsThatWouldExhaustTheHeapOrTheCpu(String description, Entry part, String reason) throws Exception {
        Path file = xlsx("bomb", part);

        assertThat(readInOwnJvm(file, FileFormat.XLSX, PIPELINE_HEAP).unreadable()).contains(reason);
    }

    @Test
    void findsTheSheetByItsContentTypeWhateverThePartIsCalled() throws Exception {
        String part = "xl/media/image1.png";
        String rows = "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
        List<Entry> renamed = new ArrayList<>(sheetAt(part));
        renamed.add(Entry.of(part, rows + "行政区划代码</t></is></c></row></sheetData></worksheet>"));
        List<Entry> hostile = new ArrayList<>(sheetAt(part));
        hostile.add(Entry.repeating(part, rows, noise(1 << 20), 300, "</t></is></c></row></sheetData></worksheet>"));

        assertThat(rows(xlsx("renamed", renamed.toArray(Entry[]::new)), FileFormat.XLSX))
                .containsExactly(new SheetRow(1, List.of("行政区划代码")));
        assertThat(readInOwnJvm(xlsx("renamed-bomb", hostile.toArray(Entry[]::new)), FileFormat.XLSX, PIPELINE_HEAP).unreadable())
                .contains("单元格超过1000000个字符");
    }

    @Test
    void refusesASheetInUtf16WhichWouldHideItsMarkupFromTheCheck() throws Exception {
        byte[] utf16 = ("<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\">"
                + "<c r=\"A1\" t=\"inlineStr\"><is><t>行政区划代码</t></is></c></row></sheetData></worksheet>")
                .getBytes(StandardCharsets.UTF_16);
        Path file = xlsx("utf16", new Entry(SHEET, utf16, new byte[0], 0, new byte[0]));

        assertThat(unreadableMessage(file, FileFormat.XLSX)).contains("不是UTF-8编码");
    }

    @Test
    void keepsMillionsOfSharedStringsOnDiskNotInTheHeap() throws Exception {
        // a million distinct strings of ~20 characters take ~80 MB as Java strings: in a 48 MiB heap they must be on disk
        int count = 1_000_000;
        StringBuilder strings = new StringBuilder("<sst xmlns=\"" + MAIN + "\">");
        for (int i = 0; i < count; i++) {
            strings.append("<si><t>广东省广州市荔湾区困难职工").append(i).append("</t></si>");
        }
        Path file = xlsx("shared-strings", Entry.of(SHARED_STRINGS, strings.append("</sst>").toString()),
                sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>" + (count - 1) + "</v></c></row>"));

        ProbeOutcome outcome = readInOwnJvm(file, FileFormat.XLSX, "48m");

        assertThat(outcome.rowCount()).isOne();
        assertThat(outcome.lastRow()).isEqualTo("广东省广州市荔湾区困难职工0|广东省广州市荔湾区困难职工" + (count - 1));
    }

    // ---- xlsx: XML entity tricks ----------------------------------------------------------------------------------

    /** An external entity naming /etc/passwd, and a billion laughs, in each part the reader parses. */
    static Stream<Arguments> entityTricks() {
        String externalEntity = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
        StringBuilder laughs = new StringBuilder("<!DOCTYPE x [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String billionLaughs = laughs.append("]>").toString();
        List<Arguments> tricks = new ArrayList<>();
        for (String[] trick : new String[][] {{"external entity", externalEntity, "&xxe;"}, {"billion laughs", billionLaughs, "&lol9;"}}) {
            String doctype = trick[1];
            String reference = trick[2];
            tricks.add(Arguments.of(trick[0] + " in the sheet", List.of(Entry.of(SHEET, doctype + "<worksheet xmlns=\"" + MAIN
                    + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + reference
                    + "</t></is></c></row></sheetData></worksheet>"))));
            tricks.add(Arguments.of(trick[0] + " in the shared strings", List.of(
                    Entry.of(SHARED_STRINGS, doctype + "<sst xmlns=\"" + MAIN + "\"><si><t>" + reference + "</t></si></sst>"),
                    sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))));
            tricks.add(Arguments.of(trick[0] + " in the workbook", List.of(Entry.of(WORKBOOK, doctype + workbookXml(
                    "<sheet name=\"" + reference + "\" sheetId=\"1\" r:id=\"rId1\"/>")))));
        }
        return tricks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entityTricks")
    void refusesADocumentTypeDeclarationSoNoEntityIsEverExpanded(String description, List<Entry> parts) throws Exception {
        Path file = xlsx("entities", parts.toArray(Entry[]::new));

        String message = unreadableMessage(file, FileFormat.XLSX);

        assertThat(message).contains("DTD");
        if (Files.isReadable(Path.of("/etc/passwd"))) {
            assertThat(message).doesNotContain(Files.readAllLines(Path.of("/etc/passwd")).get(0));
        }
    }

    // ---- xlsx: empty, sheetless and password-protected workbooks --------------------------------------------------

    @Test
    void refusesAWorkbookWithoutSheets() throws Exception {
        Path file = xlsx("no-sheets", Entry.of(WORKBOOK, workbookXml("")));

        assertThat(unreadableMessage(file, FileFormat.XLSX)).contains("没有工作表");
    }

    @Test
    void readsNothingFromAWorkbookWhoseSheetIsEmpty() throws Exception {
        Path file = xlsx("empty-sheet", sheet(""));

        assertThat(rows(file, FileFormat.XLSX)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, names = {"XLSX", "XLS"})
    void refusesAPasswordProtectedXlsxSayingSo(FileFormat extension) throws Exception {
        Path plain = xlsx("plain");
        Path file = dir.resolve("protected." + extension(extension));
        try (POIFSFileSystem ole2 = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("123456");
            try (OutputStream encrypted = encryptor.getDataStream(ole2)) {
                Files.copy(plain, encrypted);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                ole2.writeFilesystem(out);
            }
        }

        assertThat(unreadableMessage(file, extension)).contains("设有打开密码");
    }

    @Test
    void refusesAPasswordProtectedXlsSayingSo() throws Exception {
        Path file = dir.resolve("protected.xls");
        Biff8EncryptionKey.setCurrentUserPassword("123456");
        try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            workbook.createSheet().createRow(0).createCell(0).setCellValue("行政区划代码");
            workbook.write(out);
        }
        finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }

        assertThat(unreadableMessage(file, FileFormat.XLS)).contains("设有打开密码");
    }

    // ---- files that are not what their extension says, and garbage ------------------------------------------------

    /** Each kind of content under each extension; the content that matches its extension is the one that is read. */
    static Stream<Arguments> contentsAndExtensions() {
        return Stream.of("pdf", "png", "zip", "xls", "xlsx", "csv", "html").flatMap(content ->
                Stream.of(FileFormat.values()).map(extension -> Arguments.of(content, extension)));
    }

    @ParameterizedTest(name = "{0} content named .{1}")
    @MethodSource("contentsAndExtensions")
    void readsOnlyWhatTheExtensionSays(String content, FileFormat extension) throws Exception {
        Path file = Files.write(dir.resolve(content + "." + extension(extension)), contentOf(content));

        if (content.equals(extension(extension))) {
            assertThat(rows(file, extension)).first().isEqualTo(new SheetRow(1, List.of("行政区划代码", "姓名")));
        }
        else {
            assertThat(unreadableMessage(file, extension)).startsWith("文件无法读取：扩展名为." + extension(extension) + "，但内容不是");
        }
    }

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, names = {"XLSX", "XLS"})
    void refusesGarbageBehindTheRightSignature(FileFormat format) throws Exception {
        byte[] signature = format == FileFormat.XLSX
                ? new byte[] {'P', 'K', 3, 4}
                : new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        byte[] garbage = new byte[200_000];
        new Random(5).nextBytes(garbage);
        System.arraycopy(signature, 0, garbage, 0, signature.length);
        Path file = Files.write(dir.resolve("garbage." + extension(format)), garbage);

        unreadableMessage(file, format);
    }

    @Test
    void refusesAnXlsTooLargeToLoadWholeBeforeLoadingIt() throws Exception {
        Path file = dir.resolve("huge.xls");
        try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            workbook.createSheet().createRow(0).createCell(0).setCellValue("行政区划代码");
            workbook.write(out);
        }
        try (FileChannel grown = FileChannel.open(file, StandardOpenOption.WRITE)) {
            grown.write(ByteBuffer.wrap(new byte[] {0}), XlsTableReader.MAX_SIZE); // sparse: no 32 MB written
        }

        assertThat(unreadableMessage(file, FileFormat.XLS)).contains("超过32MB").contains("另存为.xlsx");
    }

    @Test
    void readsBinaryGarbageWithoutNulBytesAsGb18030TextWithoutCrashing() throws Exception {
        byte[] garbage = new byte[200_000];
        new Random(11).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = garbage[i] == 0 || garbage[i] == '"' ? (byte) 0x81 : garbage[i];
        }
        Path file = Files.write(dir.resolve("garbage.csv"), garbage);

        assertThat(rows(file, FileFormat.CSV)).isNotEmpty();
        assertThat(Tables.description(file, FileFormat.CSV)).isEqualTo("CSV GB18030");
    }

    // ---- CSV: endless lines, wide rows, NUL bytes, encodings, empty files -----------------------------------------

    @Test
    void refusesALineOfOneHundredMegabytesWithoutBufferingIt() throws Exception {
        // 100 million characters would take 100-200 MB as a Java string: refused in a 32 MiB heap, it was not buffered
        Path file = dir.resolve("endless.csv");
        ByteBuffer megabyte = ByteBuffer.wrap("x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap("行政区划代码,姓名\n".getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < 100; i++) {
                out.write(megabyte.rewind());
            }
        }

        long start = System.nanoTime();
        assertThat(readInOwnJvm(file, FileFormat.CSV, "32m").unreadable()).contains("第2行").contains("1000000个字符");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
    }

    @Test
    void refusesFiveThousandColumns() throws Exception {
        Path file = Files.writeString(dir.resolve("wide.csv"), "行政区划代码" + ",姓名".repeat(4_999) + "\n");

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("第1行").contains("超过1000列");
    }

    @Test
    void refusesARowOfFieldsEachUnderTheLimitButTogetherEndless() throws Exception {
        String field = "x".repeat(CsvLimitsReader.MAX_FIELD_LENGTH);
        Path file = Files.writeString(dir.resolve("long-row.csv"), "行政区划代码,姓名\n" + field + "," + field + "," + field + "\n");

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("第2行").contains("超过2000000个字符");
    }

    @Test
    void refusesANulByteAmidOrdinaryText() throws Exception {
        byte[] text = "行政区划代码,姓名\n440103,张三\n440104,李四\n".getBytes(StandardCharsets.UTF_8);
        text[text.length - 3] = 0;
        Path file = Files.write(dir.resolve("nul.csv"), text);

        assertThat(unreadableMessage(file, FileFormat.CSV)).contains("空字符");
    }

    @Test
    void readsAFileMixingUtf8AndGbkLinesAsGb18030() throws Exception {
        Path file = dir.resolve("mixed.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("行政区划代码,姓名\n".getBytes(GBK));
            out.write("440103,张三\n".getBytes(StandardCharsets.UTF_8));
            out.write("440104,李四\n".getBytes(GBK));
        }

        List<SheetRow> rows = rows(file, FileFormat.CSV);

        assertThat(Tables.description(file, FileFormat.CSV)).isEqualTo("CSV GB18030");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(new SheetRow(1, List.of("行政区划代码", "姓名")));
        assertThat(rows.get(1).cells().get(1)).isNotEqualTo("张三");
        assertThat(rows.get(2)).isEqualTo(new SheetRow(3, List.of("440104", "李四")));
    }

    @Test
    void readsInvalidByteSequencesAsReplacementCharacters() throws Exception {
        byte[] invalid = {'4', '4', '0', '1', '0', '3', ',', (byte) 0xFF, (byte) 0x80, '\n', '1', ',', (byte) 0xE5, (byte) 0x8C};
        Path file = Files.write(dir.resolve("invalid.csv"), invalid);

        List<SheetRow> rows = rows(file, FileFormat.CSV);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).cells().get(0)).isEqualTo("440103");
        assertThat(String.join("", rows.get(0).cells()) + String.join("", rows.get(1).cells())).contains("\uFFFD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\uFEFF", "\uFEFF\r\n\r\n", " \n,,\n"})
    void readsNoRowsFromAFileWithNothingInIt(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("nothing.csv"), text);

        assertThat(rows(file, FileFormat.CSV)).isEmpty();
    }

    @Test
    void readsTheHeaderOfAHeaderOnlyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("header.csv"), "\uFEFF行政区划代码,身份证号,姓名");

        assertThat(rows(file, FileFormat.CSV)).containsExactly(new SheetRow(1, List.of("行政区划代码", "身份证号", "姓名")));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** What {@link HostileFileProbe} printed: the rows it read, or the reason the file was refused. */
    private record ProbeOutcome(List<String> lines) {

        String unreadable() {
            return line("UNREADABLE ");
        }

        long rowCount() {
            return Long.parseLong(line("ROWS "));
        }

        String lastRow() {
            return line("LAST ");
        }

        private String line(String prefix) {
            return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                    .findFirst().orElseThrow(() -> new AssertionError("No " + prefix.strip() + " line in " + lines));
        }
    }

    /**
     * Reads the file in a JVM of its own with the given heap: it must end on its own within a minute with exit code 0,
     * so an OutOfMemoryError, a hang or an exception other than UnreadableFileException fails the test.
     */
    private ProbeOutcome readInOwnJvm(Path file, FileFormat format, String maxHeap) throws Exception {
        Path output = Files.createTempFile(dir, "probe", ".out");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), HostileFileProbe.class.getName(), file.toString(), format.name())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = probe.waitFor(1, TimeUnit.MINUTES);
        if (!ended) {
            probe.destroyForcibly().waitFor();
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(ended).as("the probe ended within a minute: %s", lines).isTrue();
        assertThat(probe.exitValue()).as("the probe's exit code (3 for an OutOfMemoryError), output %s", lines).isZero();
        return new ProbeOutcome(lines);
    }

    /** The hand-built workbook, its default parts (a sheet of one row, no shared strings) replaced by {@code parts}. */
    private Path xlsx(String name, Entry... parts) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Entry entry : List.of(
                Entry.of("_rels/.rels", "<Relationships xmlns=\"" + RELATIONSHIPS + "\"><Relationship Id=\"rId1\" Type=\""
                        + OFFICE_RELATIONSHIPS + "/officeDocument\" Target=\"" + WORKBOOK + "\"/></Relationships>"),
                Entry.of(WORKBOOK, workbookXml("<sheet name=\"慰问\" sheetId=\"1\" r:id=\"rId1\"/>")),
                sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>行政区划代码</t></is></c><c r=\"B1\"><v>440103</v></c></row>"),
                Entry.of(SHARED_STRINGS, "<sst xmlns=\"" + MAIN + "\" count=\"0\" uniqueCount=\"0\"/>"))) {
            entries.put(entry.name(), entry);
        }
        sheetAt(SHEET).forEach(entry -> entries.put(entry.name(), entry));
        for (Entry part : parts) {
            entries.put(part.name(), part);
        }
        return RepeatingZip.write(dir.resolve(name + ".xlsx"), List.copyOf(entries.values()));
    }

    /** The content types and workbook relationships of a workbook whose first sheet is the part {@code sheetPart}. */
    private static List<Entry> sheetAt(String sheetPart) {
        return List.of(
                Entry.of("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/" + WORKBOOK + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "<Override PartName=\"/" + sheetPart + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                        + "<Override PartName=\"/" + SHARED_STRINGS + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                        + "</Types>"),
                Entry.of("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + RELATIONSHIPS + "\">"
                        + "<Relationship Id=\"rId1\" Type=\"" + OFFICE_RELATIONSHIPS + "/worksheet\" Target=\"/" + sheetPart + "\"/>"
                        + "<Relationship Id=\"rId2\" Type=\"" + OFFICE_RELATIONSHIPS + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                        + "</Relationships>"));
    }

    private static Entry sheet(String rows) {
        return Entry.of(SHEET, "<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + rows + "</sheetData></worksheet>");
    }

    private static String workbookXml(String sheets) {
        return "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + OFFICE_RELATIONSHIPS + "\"><sheets>" + sheets + "</sheets></workbook>";
    }

    /** A sheet of at least {@code size} bytes: blocks of {@link #REALISTIC_ROWS} visits rows, varied like real data. */
    private static Entry sheetOfRealisticRows(long size) {
        Random random = new Random(3);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < REALISTIC_ROWS; i++) {
            rows.append("<row><c t=\"inlineStr\"><is><t>440103</t></is></c><c t=\"inlineStr\"><is><t>1101011990030")
                    .append(random.nextInt(10)).append("451X</t></is></c><c t=\"inlineStr\"><is><t>")
                    .append("困难职工".repeat(6)).append((char) ('甲' + random.nextInt(10)))
                    .append("</t></is></c><c><v>500.5</v></c></row>");
        }
        long blockSize = rows.toString().getBytes(StandardCharsets.UTF_8).length;
        return Entry.repeating(SHEET, "<worksheet xmlns=\"" + MAIN + "\"><sheetData>", rows.toString(),
                (size + blockSize - 1) / blockSize, "</sheetData></worksheet>");
    }

    /** Letters that compress about 100:1 - a long run, then two random ones - so that no ratio check trips. */
    private static String noise(int length) {
        Random random = new Random(1);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append("x".repeat(250)).append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26)));
        }
        return text.substring(0, length);
    }

    private static String richTextRuns(int count) {
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < count; i++) {
            runs.append("<r><rPr><b/></rPr><t>慰问").append(i).append("</t></r>");
        }
        return runs.toString();
    }

    /** A small file of each kind whose first row, where it has rows, is 行政区划代码 | 姓名. */
    private byte[] contentOf(String kind) throws IOException {
        return switch (kind) {
            case "pdf" -> "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                    .getBytes(StandardCharsets.US_ASCII);
            case "png" -> concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, new byte[64]);
            case "zip" -> Files.readAllBytes(RepeatingZip.write(dir.resolve("archive.zip"),
                    List.of(Entry.of("readme.txt", "行政区划代码,姓名"))));
            case "xls", "xlsx" -> {
                Workbook workbook = kind.equals("xls") ? new HSSFWorkbook() : new XSSFWorkbook();
                try (workbook) {
                    org.apache.poi.ss.usermodel.Row row = workbook.createSheet().createRow(0);
                    row.createCell(0).setCellValue("行政区划代码");
                    row.createCell(1).setCellValue("姓名");
                    Path file = dir.resolve("content." + kind);
                    try (OutputStream out = Files.newOutputStream(file)) {
                        workbook.write(out);
                    }
                    yield Files.readAllBytes(file);
                }
            }
            case "csv" -> "行政区划代码,姓名\n440103,张三\n".getBytes(StandardCharsets.UTF_8);
            case "html" -> "<html><body><table><tr><td>行政区划代码</td><td>姓名</td></tr></table></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String extension(FileFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }
}
