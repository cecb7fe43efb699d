package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
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
            scan(zip, typesEntry, Kind.WHOLE, MAX_WHOLE_PART_SIZE, new XlsxXmlScan(false, null));
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
                    scan(zip, entry, kind, MAX_WHOLE_PART_SIZE, new XlsxXmlScan(false, null));
                }
                else if (kind == Kind.STREAMED) {
                    XlsxXmlScan xml = new XlsxXmlScan(true, mergedRanges);
                    long size = scan(zip, entry, kind, MAX_STREAMED_SIZE - streamed, xml);
                    streamed += size;
                    if (SHARED_STRINGS_TYPE.equals(types.of(entry.getName()))) {
                        sharedStrings = sharedStrings.plus(size, xml.sharedStrings());
                    }
                    if (!xml.mergedCells().isEmpty()) {
                        mergedCells.put(entry.getName(), xml.mergedCells());
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
    private static long scan(ZipFile zip, ZipArchiveEntry entry, Kind kind, long limit, XlsxXmlScan xml)
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
}
