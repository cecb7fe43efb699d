package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.util.CellRangeAddress;

/** Scans the XML parts an .xlsx reader parses, as bytes before POI does, refusing what would exhaust the heap or CPU. */
final class XlsxPackageCheck {

    // POI and the streaming reader would hold a giant cell, comment or attribute in memory whole, expand entities, and
    // join a cell's rich-text runs in quadratic time; one pass over the inflated bytes, with no XML parser, measures it.

    /** The most the other XML parts (sheets, shared strings …) may expand to together: Excel's 1,048,576 rows fit. */
    static final long MAX_STREAMED_SIZE = 1L << 30;
    /** The most a part parsed whole into memory (workbook, styles, theme, relationships, content types) may expand to. */
    static final long MAX_WHOLE_PART_SIZE = 8L << 20;
    /** The most characters a cell or shared string may hold, as a CSV field. */
    static final int MAX_CELL_LENGTH = CsvLimitsReader.MAX_FIELD_LENGTH;
    /** The most tags inside one cell or shared string: the streaming reader joins rich-text runs in quadratic time. */
    static final int MAX_TAGS_IN_CELL = 10_000;
    /** The longest single tag, comment, processing instruction or CDATA section, in bytes. */
    static final int MAX_MARKUP_LENGTH = 1 << 20;
    /** The most merged ranges a workbook may hold: each is kept in memory while its sheet is read. */
    static final int MAX_MERGED_RANGES = 100_000;

    private static final int BUFFER_SIZE = 64 * 1024;

    private static final String CONTENT_TYPES_PART = "[Content_Types].xml";
    private static final String SHARED_STRINGS_TYPE =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedstrings+xml";
    /** The parts POI parses whole into memory: the workbook, its styles and theme, relationships, core properties. */
    private static final Set<String> WHOLE_PARSED_TYPES = Set.of(
            "application/vnd.openxmlformats-package.core-properties+xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
            "application/vnd.ms-excel.sheet.macroenabled.main+xml",
            "application/vnd.ms-excel.template.macroenabled.main+xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
            "application/vnd.openxmlformats-officedocument.theme+xml",
            "application/vnd.openxmlformats-package.relationships+xml");

    /** How the reader parses a part, which decides the limits it is held to. */
    private enum Kind { STREAMED, WHOLE }

    /** What the check measured of the shared strings part: its expanded size in bytes and how many strings it holds. */
    record SharedStrings(long size, long count) {

        static final SharedStrings NONE = new SharedStrings(0, 0);

        SharedStrings plus(long partSize, long partCount) {
            return new SharedStrings(size + partSize, count + partCount);
        }
    }

    /**
     * What the check found that the reader needs.
     *
     * @param sharedStrings the measure of the shared strings
     * @param mergedCells   the merged ranges of each part that has any, by entry name ("xl/worksheets/sheet1.xml")
     */
    record Measured(SharedStrings sharedStrings, Map<String, List<CellRangeAddress>> mergedCells) {
    }

    private XlsxPackageCheck() {
    }

    /**
     * Fails with the reason for the submitter when a part is a zip bomb, holds a DTD or is out of proportion.
     *
     * @return the measure of the shared strings, so that the reader can tell whether they fit in the heap, and the
     *     merged ranges, which a sheet part lists only after its rows
     */
    static Measured check(Path file) throws UnreadableFileException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            ZipArchiveEntry typesEntry = null;
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                typesEntry = entry.getName().equalsIgnoreCase(CONTENT_TYPES_PART) ? entry : typesEntry;
            }
            if (typesEntry == null) {
                return new Measured(SharedStrings.NONE, Map.of()); // not a package: POI refuses it with its own reason
            }
            scan(zip, typesEntry, Kind.WHOLE, MAX_WHOLE_PART_SIZE, new XmlScan(false, null));
            ContentTypes types;
            try (InputStream in = zip.getInputStream(typesEntry)) {
                types = ContentTypes.read(in);
            }
            long streamed = 0;
            SharedStrings sharedStrings = SharedStrings.NONE;
            Map<String, List<CellRangeAddress>> mergedCells = new HashMap<>();
            int[] mergedRanges = {0};
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                Kind kind = entry == typesEntry || entry.isDirectory() ? null : kind(entry.getName(), types);
                if (kind == Kind.WHOLE) {
                    scan(zip, entry, kind, MAX_WHOLE_PART_SIZE, new XmlScan(false, null));
                }
                else if (kind == Kind.STREAMED) {
                    XmlScan xml = new XmlScan(true, mergedRanges);
                    long size = scan(zip, entry, kind, MAX_STREAMED_SIZE - streamed, xml);
                    streamed += size;
                    if (SHARED_STRINGS_TYPE.equals(types.of(entry.getName()))) {
                        sharedStrings = sharedStrings.plus(size, xml.sharedStrings);
                    }
                    if (!xml.mergedCells.isEmpty()) {
                        mergedCells.put(entry.getName(), xml.mergedCells);
                    }
                }
            }
            return new Measured(sharedStrings, mergedCells);
        }
        catch (IOException | XMLStreamException | RuntimeException e) {
            throw new UnreadableFileException("文件无法读取：扩展名为.xlsx，但内容不是有效的Excel工作簿，文件可能已损坏。"
                    + "请在Excel中打开并另存为.xlsx后重新报送", e);
        }
    }

    /** By the part's content type, as POI finds it; null for a part that is not XML (pictures, printer settings …). */
    private static Kind kind(String name, ContentTypes types) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".rels")) {
            return Kind.WHOLE; // POI reads every relationship part, whatever its declared type
        }
        String type = types.of(name);
        if (type == null || !type.endsWith("+xml") && !type.equals("application/xml") && !type.equals("text/xml")) {
            return null;
        }
        return WHOLE_PARSED_TYPES.contains(type) ? Kind.WHOLE : Kind.STREAMED;
    }

    /** Inflates the entry through {@code xml}, refusing it past {@code limit} bytes or POI's minimum inflate ratio. */
    private static long scan(ZipFile zip, ZipArchiveEntry entry, Kind kind, long limit, XmlScan xml)
            throws IOException, UnreadableFileException {
        try (InputStream in = zip.getInputStream(entry)) {
            InputStreamStatistics statistics = in instanceof InputStreamStatistics s ? s : null;
            byte[] buffer = new byte[BUFFER_SIZE];
            long size = 0;
            for (int length = in.read(buffer); length >= 0; length = in.read(buffer)) {
                size += length;
                if (size > limit) {
                    throw new UnreadableFileException(kind == Kind.WHOLE
                            ? "文件无法读取：工作簿的结构或样式部分解压后超过" + (MAX_WHOLE_PART_SIZE >> 20)
                                    + "MB，Excel保存的文件不会这样，可能是恶意构造的文件"
                            : "文件无法读取：工作簿中的数据解压后共超过" + (MAX_STREAMED_SIZE >> 20)
                                    + "MB，超出了可以处理的大小（可能是恶意构造的文件）");
                }
                if (statistics != null && size > ZipSecureFile.getGraceEntrySize()
                        && statistics.getCompressedCount() < ZipSecureFile.getMinInflateRatio() * size) {
                    throw new UnreadableFileException("文件无法读取：工作簿中的数据解压后膨胀超过"
                            + Math.round(1 / ZipSecureFile.getMinInflateRatio())
                            + "倍，这是恶意构造的“压缩炸弹”的特征，已拒绝读取。请在Excel中打开并另存后重新报送");
                }
                xml.feed(buffer, length);
            }
            return size;
        }
    }

    /** The content types [Content_Types].xml declares, by lower-case part name ("/xl/workbook.xml") and extension. */
    private record ContentTypes(Map<String, String> byPartName, Map<String, String> byExtension) {

        static ContentTypes read(InputStream in) throws XMLStreamException {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            ContentTypes types = new ContentTypes(new HashMap<>(), new HashMap<>());
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    String type = xml.getAttributeValue(null, "ContentType");
                    String partName = xml.getAttributeValue(null, "PartName");
                    String extension = xml.getAttributeValue(null, "Extension");
                    if (type != null && partName != null && xml.getLocalName().equals("Override")) {
                        types.byPartName.put(partName.toLowerCase(Locale.ROOT), type.toLowerCase(Locale.ROOT));
                    }
                    else if (type != null && extension != null && xml.getLocalName().equals("Default")) {
                        types.byExtension.put(extension.toLowerCase(Locale.ROOT), type.toLowerCase(Locale.ROOT));
                    }
                }
            }
            xml.close();
            return types;
        }

        String of(String entryName) {
            String partName = "/" + entryName.toLowerCase(Locale.ROOT);
            String type = byPartName.get(partName);
            int dot = partName.lastIndexOf('.');
            return type != null || dot < 0 ? type : byExtension.get(partName.substring(dot + 1));
        }
    }

    /**
     * Follows XML as bytes, just enough to measure each markup, cell ({@code c}), shared string ({@code si}) and text,
     * and to note the ranges of the merged cells ({@code mergeCell ref="A5:A8"}).
     */
    private static final class XmlScan {

        private static final char[] MERGE_CELL = "mergeCell".toCharArray();
        /** Enough for any ref attribute and the few others a mergeCell tag may carry. */
        private static final int MAX_MERGE_TAG_LENGTH = 256;

        private enum State { TEXT, MARKUP_START, BANG, TAG, COMMENT, PROCESSING_INSTRUCTION, CDATA }

        private static final byte[] CDATA_OPENING = {'[', 'C', 'D', 'A', 'T', 'A', '['};
        private static final int NAME_CAPACITY = 16;

        private final boolean streamed;
        private State state = State.TEXT;
        private int markupLength;
        private int bangMatched;
        private boolean endTag;
        private byte quote;
        private byte previous;
        private byte beforePrevious;
        private final byte[] name = new byte[NAME_CAPACITY];
        private int nameLength;
        private boolean nameDone;
        private boolean inCell;
        private int characters;
        private int tags;
        /** The shared strings ({@code si}) met, in a streamed part. */
        private long sharedStrings;
        private boolean nameChecked;
        private boolean mergeTag;
        private final StringBuilder mergeAttributes = new StringBuilder();
        private final List<CellRangeAddress> mergedCells = new ArrayList<>();
        /** The merged ranges met in the whole package so far. */
        private final int[] mergedRanges;

        XmlScan(boolean streamed, int[] mergedRanges) {
            this.streamed = streamed;
            this.mergedRanges = mergedRanges;
        }

        void feed(byte[] bytes, int length) throws UnreadableFileException {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == 0) {
                    // no UTF-8 XML holds a NUL; UTF-16 and UTF-32 ones do, and would hide their markup from this scan
                    throw new UnreadableFileException("文件无法读取：工作簿中有不是UTF-8编码的XML部件，Excel保存的文件不会这样。"
                            + "请在Excel中打开并另存为.xlsx后重新报送");
                }
                if (state == State.TEXT) {
                    if (b == '<') {
                        state = State.MARKUP_START;
                        markupLength = 1;
                    }
                    else {
                        countCharacter(b);
                    }
                }
                else {
                    if (++markupLength > MAX_MARKUP_LENGTH) {
                        throw new UnreadableFileException("文件无法读取：工作簿中有超过" + (MAX_MARKUP_LENGTH >> 20)
                                + "MB的单个XML标记，Excel保存的文件不会这样，可能是恶意构造的文件");
                    }
                    markup(b);
                }
                beforePrevious = previous;
                previous = b;
            }
        }

        private void markup(byte b) throws UnreadableFileException {
            switch (state) {
                case MARKUP_START -> {
                    if (b == '!') {
                        state = State.BANG;
                        bangMatched = 0;
                    }
                    else if (b == '?') {
                        state = State.PROCESSING_INSTRUCTION;
                    }
                    else {
                        state = State.TAG;
                        endTag = b == '/';
                        quote = 0;
                        nameLength = 0;
                        nameDone = false;
                        nameChecked = false;
                        mergeTag = false;
                        if (!endTag) {
                            tagByte(b);
                        }
                    }
                }
                case BANG -> bang(b);
                case TAG -> tagByte(b);
                case COMMENT -> {
                    if (b == '>' && previous == '-' && beforePrevious == '-' && markupLength > 6) {
                        state = State.TEXT;
                    }
                }
                case PROCESSING_INSTRUCTION -> {
                    if (b == '>' && previous == '?') {
                        state = State.TEXT;
                    }
                }
                case CDATA -> {
                    if (b == '>' && previous == ']' && beforePrevious == ']') {
                        state = State.TEXT;
                    }
                    else {
                        countCharacter(b);
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }

        /** After "<!": a comment or a CDATA section; anything else is a DTD declaration. */
        private void bang(byte b) throws UnreadableFileException {
            // Excel never writes a DTD, and a DTD is how entity expansion and external entities (/etc/passwd) get in
            if (bangMatched == 0 && b == '-') {
                bangMatched = -1;
            }
            else if (bangMatched == -1 && b == '-') {
                state = State.COMMENT;
            }
            else if (bangMatched >= 0 && b == CDATA_OPENING[bangMatched]) {
                if (++bangMatched == CDATA_OPENING.length) {
                    state = State.CDATA;
                }
            }
            else {
                throw new UnreadableFileException("文件无法读取：工作簿中含有DTD声明（<!DOCTYPE或<!ENTITY），"
                        + "Excel保存的文件不会有，可能是恶意构造的文件");
            }
        }

        private void tagByte(byte b) throws UnreadableFileException {
            if (nameDone && streamed && !endTag) {
                if (!nameChecked) {
                    nameChecked = true;
                    mergeTag = isName(MERGE_CELL);
                    mergeAttributes.setLength(0);
                }
                if (mergeTag && mergeAttributes.length() < MAX_MERGE_TAG_LENGTH) {
                    mergeAttributes.append((char) b);
                }
            }
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            }
            else if (b == '"' || b == '\'') {
                quote = b;
                nameDone = true;
            }
            else if (b == '>') {
                state = State.TEXT;
                tagEnded(previous == '/');
            }
            else if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '/') {
                nameDone = nameLength > 0 || nameDone;
            }
            else if (!nameDone) {
                if (b == ':') {
                    nameLength = 0; // the local name follows the prefix
                }
                else if (nameLength < NAME_CAPACITY) {
                    name[nameLength++] = b;
                }
                else {
                    nameLength = NAME_CAPACITY + 1; // too long to be a name of interest
                    nameDone = true;
                }
            }
        }

        private void tagEnded(boolean empty) throws UnreadableFileException {
            if (!streamed) {
                return;
            }
            if (mergeTag) {
                mergeCell();
            }
            if (isName('c') || isName('s', 'i')) {
                sharedStrings += !endTag && isName('s', 'i') ? 1 : 0;
                inCell = !endTag && !empty;
                characters = 0;
                tags = 0;
            }
            else if (isName('r', 'o', 'w')) {
                inCell = false;
            }
            else if (inCell && ++tags > MAX_TAGS_IN_CELL) {
                throw new UnreadableFileException("文件无法读取：工作簿中有单元格的格式过于零碎（超过" + MAX_TAGS_IN_CELL
                        + "个XML元素），不是正常的报送数据");
            }
            if (!inCell) {
                characters = 0;
            }
        }

        /** Notes the range of a mergeCell tag whose attributes were kept; a tag without a readable ref is passed over. */
        private void mergeCell() throws UnreadableFileException {
            int ref = mergeAttributes.indexOf("ref=");
            if (ref < 0 || ref + 5 >= mergeAttributes.length()) {
                return;
            }
            char quoteMark = mergeAttributes.charAt(ref + 4);
            int end = mergeAttributes.indexOf(String.valueOf(quoteMark), ref + 5);
            if (end < 0) {
                return;
            }
            if (++mergedRanges[0] > MAX_MERGED_RANGES) {
                throw new UnreadableFileException("文件无法读取：工作簿中合并单元格超过" + MAX_MERGED_RANGES
                        + "处，不是正常的报送数据。请取消合并单元格后重新报送");
            }
            try {
                mergedCells.add(CellRangeAddress.valueOf(mergeAttributes.substring(ref + 5, end)));
            }
            catch (RuntimeException notARange) {
                // a range Excel would not write merges nothing
            }
        }

        private boolean isName(char... expected) {
            if (nameLength != expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (name[i] != expected[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Counts a character of a cell's text (outside a cell: of one text node) by its first UTF-8 byte. */
        private void countCharacter(byte b) throws UnreadableFileException {
            if (streamed && (b & 0xC0) != 0x80 && ++characters > MAX_CELL_LENGTH) {
                throw new UnreadableFileException("文件无法读取：工作簿中有单元格超过" + MAX_CELL_LENGTH
                        + "个字符，不是正常的报送数据");
            }
        }
    }
}
