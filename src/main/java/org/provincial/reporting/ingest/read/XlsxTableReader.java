package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.github.pjfanning.poi.xssf.streaming.MapBackedSharedStringsTable;
import com.github.pjfanning.poi.xssf.streaming.SharedStringsTableBase;
import com.github.pjfanning.poi.xssf.streaming.TempFileSharedStringsTable;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;

/**
 * Streams the first sheet of an .xlsx workbook a row at a time with POI's event API, once {@link XlsxPackageCheck}
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
    private final SharedStringsTableBase sharedStrings;
    private final InputStream sheet;
    private final XMLStreamReader xml;
    private final XlsxSheetRows rows;
    private int lastRowNumber;

    private XlsxTableReader(OPCPackage workbook, SharedStringsTableBase sharedStrings, InputStream sheet,
            XMLStreamReader xml, XlsxSheetRows rows) {
        this.workbook = workbook;
        this.sharedStrings = sharedStrings;
        this.sheet = sheet;
        this.xml = xml;
        this.rows = rows;
    }

    static XlsxTableReader open(Path file) throws UnreadableFileException {
        FileContents.requireWorkbook(file, FileFormat.XLSX, FileMagic.OOXML);
        XlsxPackageCheck.SharedStrings measured = XlsxPackageCheck.check(file);
        OPCPackage workbook = null;
        SharedStringsTableBase sharedStrings = null;
        InputStream sheet = null;
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader parts = new XSSFReader(workbook);
            Iterator<InputStream> sheets = parts.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFileException(WorkbookTableReader.NO_SHEETS);
            }
            boolean date1904 = usesDate1904(parts);
            // both tables read the part alike (SharedStringsTableBase), so a string reads the same from either
            sharedStrings = fitsInHeap(measured)
                    ? new MapBackedSharedStringsTable(workbook, false)
                    : new TempFileSharedStringsTable(workbook, false, false);
            sheet = sheets.next();
            XMLStreamReader xml = INPUTS.createXMLStreamReader(sheet);
            return new XlsxTableReader(workbook, sharedStrings, sheet, xml,
                    new XlsxSheetRows(xml, sharedStrings, parts.getStylesTable(), date1904));
        }
        catch (UnreadableFileException e) {
            closeAfterFailure(e, sheet, sharedStrings, workbook);
            throw e;
        }
        catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            closeAfterFailure(e, sheet, sharedStrings, workbook);
            throw new UnreadableFileException("文件无法读取：扩展名为.xlsx，但内容不是有效的Excel工作簿，文件可能已损坏。"
                    + "请在Excel中打开并另存为.xlsx后重新报送", e);
        }
    }

    private static boolean fitsInHeap(XlsxPackageCheck.SharedStrings measured) {
        // a character takes at most as many bytes in a Java string as in UTF-8 XML: one (Latin-1) or two for three
        return measured.size() + measured.count() * HEAP_PER_SHARED_STRING <= MAX_SHARED_STRINGS_HEAP;
    }

    /** Whether the workbook counts its dates from 1904 ({@code <workbookPr date1904="1"/>}), as old Excel for Mac did. */
    private static boolean usesDate1904(XSSFReader parts)
            throws IOException, OpenXML4JException, XMLStreamException {
        try (InputStream in = parts.getWorkbookData()) {
            XMLStreamReader xml = INPUTS.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("workbookPr")) {
                        String date1904 = xml.getAttributeValue(null, "date1904");
                        return date1904 != null && XlsxSheetRows.isTrue(date1904);
                    }
                }
                return false;
            }
            finally {
                xml.close();
            }
        }
    }

    @Override
    public SheetRow next() throws UnreadableFileException {
        try {
            while (rows.next()) {
                lastRowNumber = rows.rowNumber();
                SheetRow sheetRow = Rows.nonBlank(lastRowNumber, rows.cells());
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
        try (workbook; sharedStrings; sheet) {
            xml.close();
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
