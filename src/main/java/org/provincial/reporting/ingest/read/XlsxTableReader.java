package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.github.pjfanning.poi.xssf.streaming.MapBackedSharedStringsTable;
import com.github.pjfanning.poi.xssf.streaming.SharedStringsTableBase;
import com.github.pjfanning.poi.xssf.streaming.TempFileSharedStringsTable;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;

/**
 * Streams the visible sheets of an .xlsx workbook one after another, a row at a time, with POI's event API, once {@link XlsxPackageCheck}
 * has passed it: the sheet XML is pulled through POI's secure StAX parser, never held whole.
 */
final class XlsxTableReader implements TableReader {

    /** Looked up once (each lookup scans the class path); thread-safe once configured. */
    private static final XMLInputFactory INPUTS = XMLHelper.newXMLInputFactory();

    // A pull parser rather than SAX: next() hands out one row at a time, and a SAX parse, which pushes the whole sheet,
    // would need a thread of its own or a buffer of every row to do that.

    /**
     * The most heap the shared strings may take to be kept in it, in a hash map (about 100,000 names, a 50,000-row
     * sheet); beyond, each is looked up in a temp file, which takes some 15 s per million strings to fill. Up to four
     * files are read at once, so this keeps them to a third of the pipeline's 384 MiB heap at worst.
     */
    static final long MAX_SHARED_STRINGS_HEAP = 32L << 20;
    /** What a string takes in the in-memory table besides its text (two hash entries, an Integer, the String), measured. */
    static final int HEAP_PER_SHARED_STRING = 300;

    static {
        // POI's own check agrees with the package check's (its default is 4 GiB); the minimum inflate ratio stays 1%
        ZipSecureFile.setMaxEntrySize(XlsxPackageCheck.MAX_STREAMED_SIZE);
    }

    private final OPCPackage workbook;
    private final XSSFReader parts;
    private final SharedStringsTableBase sharedStrings;
    private final XSSFReader.SheetIterator sheets;
    private final Set<String> hiddenSheets;
    private final boolean date1904;
    private final Map<String, List<CellRangeAddress>> mergedCells;
    private String sheetName;
    private InputStream sheet;
    private XMLStreamReader xml;
    private XlsxSheetRows rows;
    private MergedCells merged = MergedCells.NONE;
    private StylesTable styles;
    private int lastRowNumber;

    private XlsxTableReader(OPCPackage workbook, XSSFReader parts, SharedStringsTableBase sharedStrings,
            WorkbookPart workbookPart, Map<String, List<CellRangeAddress>> mergedCells)
            throws IOException, OpenXML4JException {
        this.workbook = workbook;
        this.parts = parts;
        this.sharedStrings = sharedStrings;
        this.sheets = parts.getSheetIterator();
        this.hiddenSheets = workbookPart.hiddenSheets();
        this.date1904 = workbookPart.date1904();
        this.mergedCells = mergedCells;
    }

    static XlsxTableReader open(Path file) throws UnreadableFileException {
        FileContents.requireWorkbook(file, FileFormat.XLSX, FileMagic.OOXML);
        XlsxPackageCheck.Measured measured = XlsxPackageCheck.check(file);
        OPCPackage workbook = null;
        SharedStringsTableBase sharedStrings = null;
        XlsxTableReader reader = null;
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader parts = new XSSFReader(workbook);
            if (!parts.getSheetsData().hasNext()) {
                throw new UnreadableFileException(WorkbookTableReader.NO_SHEETS);
            }
            WorkbookPart workbookPart = WorkbookPart.read(parts);
            // both tables read the part alike (SharedStringsTableBase), so a string reads the same from either
            sharedStrings = fitsInHeap(measured.sharedStrings())
                    ? new MapBackedSharedStringsTable(workbook, false)
                    : new TempFileSharedStringsTable(workbook, false, false);
            reader = new XlsxTableReader(workbook, parts, sharedStrings, workbookPart, measured.mergedCells());
            reader.openNextVisibleSheet();
            return reader;
        }
        catch (UnreadableFileException e) {
            closeAfterFailure(e, reader == null ? null : reader.sheet, sharedStrings, workbook);
            throw e;
        }
        catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            closeAfterFailure(e, reader == null ? null : reader.sheet, sharedStrings, workbook);
            throw new UnreadableFileException("文件无法读取：扩展名为.xlsx，但内容不是有效的Excel工作簿，文件可能已损坏。"
                    + "请在Excel中打开并另存为.xlsx后重新报送", e);
        }
    }

    @Override
    public boolean nextSheet() throws UnreadableFileException {
        try {
            return openNextVisibleSheet();
        }
        catch (IOException | XMLStreamException | RuntimeException e) {
            throw WorkbookTableReader.damagedAfter(0, e);
        }
    }

    @Override
    public String sheetName() {
        return sheetName;
    }

    /** Closes the current sheet and opens the next one that is not hidden: false when none is left. */
    private boolean openNextVisibleSheet() throws IOException, XMLStreamException {
        closeSheet();
        while (sheets.hasNext()) {
            InputStream next = sheets.next();
            String name = sheets.getSheetName();
            if (hiddenSheets.contains(name)) {
                next.close();
                continue;
            }
            sheet = next;
            sheetName = name;
            xml = INPUTS.createXMLStreamReader(sheet);
            rows = new XlsxSheetRows(xml, sharedStrings, styles(), date1904);
            String partName = sheets.getSheetPart().getPartName().getName().substring(1);
            merged = new MergedCells(mergedCells.getOrDefault(partName, List.of()));
            lastRowNumber = 0;
            return true;
        }
        sheetName = null;
        return false;
    }

    private StylesTable styles() throws IOException {
        if (styles == null) {
            try {
                styles = parts.getStylesTable();
            }
            catch (InvalidFormatException e) {
                throw new IOException(e);
            }
        }
        return styles;
    }

    private void closeSheet() throws IOException, XMLStreamException {
        try (InputStream open = sheet) {
            if (xml != null) {
                xml.close();
            }
        }
        finally {
            sheet = null;
            xml = null;
            rows = null;
        }
    }

    private static boolean fitsInHeap(XlsxPackageCheck.SharedStrings measured) {
        // a character takes at most as many bytes in a Java string as in UTF-8 XML: one (Latin-1) or two for three
        return measured.size() + measured.count() * HEAP_PER_SHARED_STRING <= MAX_SHARED_STRINGS_HEAP;
    }

    /**
     * What the reader needs of the workbook part: whether it counts its dates from 1904 ({@code <workbookPr
     * date1904="1"/>}, as old Excel for Mac did) and the names of its hidden sheets ({@code state="hidden"} or
     * {@code "veryHidden"}).
     */
    private record WorkbookPart(boolean date1904, Set<String> hiddenSheets) {

        static WorkbookPart read(XSSFReader parts) throws IOException, OpenXML4JException, XMLStreamException {
            boolean date1904 = false;
            Set<String> hidden = new HashSet<>();
            try (InputStream in = parts.getWorkbookData()) {
                XMLStreamReader xml = INPUTS.createXMLStreamReader(in);
                try {
                    while (xml.hasNext()) {
                        if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                            continue;
                        }
                        if (xml.getLocalName().equals("workbookPr")) {
                            String value = xml.getAttributeValue(null, "date1904");
                            date1904 = value != null && XlsxSheetRows.isTrue(value);
                        }
                        else if (xml.getLocalName().equals("sheet")) {
                            String state = xml.getAttributeValue(null, "state");
                            if (state != null && !state.equals("visible")) {
                                hidden.add(xml.getAttributeValue(null, "name"));
                            }
                        }
                    }
                }
                finally {
                    xml.close();
                }
            }
            return new WorkbookPart(date1904, hidden);
        }
    }

    @Override
    public SheetRow next() throws UnreadableFileException {
        if (rows == null) {
            return null;
        }
        try {
            while (rows.next()) {
                lastRowNumber = rows.rowNumber();
                SheetRow sheetRow = merged.row(lastRowNumber, rows.cells());
                if (sheetRow != null) {
                    return sheetRow;
                }
            }
            return null;
        }
        catch (XMLStreamException | RuntimeException e) {
            throw WorkbookTableReader.damagedAfter(lastRowNumber, e);
        }
    }

    @Override
    public void close() {
        try (workbook; sharedStrings) {
            closeSheet();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot close a workbook: " + e.getMessage(), e);
        }
        catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot close a workbook's sheet: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "XLSX";
    }

    /** Closes what was opened of a workbook whose opening failed half-way, the sheet first. */
    private static void closeAfterFailure(Exception failure, AutoCloseable... opened) {
        for (AutoCloseable resource : opened) {
            WorkbookTableReader.closeAfterFailure(resource, failure);
        }
    }
}
