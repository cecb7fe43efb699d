package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/** Streams the rows of a workbook's visible sheets as text cells, one sheet at a time; row numbers are POI row indexes plus one. */
abstract sealed class WorkbookTableReader implements TableReader permits XlsTableReader {

    static final String NO_SHEETS = "文件无法读取：工作簿中没有工作表。请把数据放在第一个工作表中后重新报送";

    private final Workbook workbook;
    private final String description;
    private int sheetIndex = -1;
    private Iterator<Row> rows;
    private MergedCells merged;
    private int lastRowNumber;

    /** Takes ownership of the workbook: it is closed with this reader (by the caller when this constructor fails). */
    WorkbookTableReader(Workbook workbook, String description) throws UnreadableFileException {
        if (workbook.getNumberOfSheets() == 0) {
            throw new UnreadableFileException(NO_SHEETS);
        }
        this.workbook = workbook;
        this.description = description;
        if (!nextSheet()) {
            rows = Collections.emptyIterator();
        }
    }

    @Override
    public boolean nextSheet() throws UnreadableFileException {
        while (++sheetIndex < workbook.getNumberOfSheets()) {
            if (!workbook.isSheetHidden(sheetIndex) && !workbook.isSheetVeryHidden(sheetIndex)) {
                try {
                    Sheet sheet = workbook.getSheetAt(sheetIndex);
                    merged = new MergedCells(sheet.getMergedRegions());
                    rows = sheet.rowIterator();
                    lastRowNumber = 0;
                    return true;
                }
                catch (RuntimeException e) {
                    throw damagedAfter(0, e);
                }
            }
        }
        rows = Collections.emptyIterator();
        return false;
    }

    @Override
    public String sheetName() {
        return sheetIndex < workbook.getNumberOfSheets() ? workbook.getSheetName(sheetIndex) : null;
    }

    @Override
    public SheetRow next() throws UnreadableFileException {
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                lastRowNumber = row.getRowNum() + 1;
                SheetRow sheetRow = merged.row(lastRowNumber, cells(row));
                if (sheetRow != null) {
                    return sheetRow;
                }
            }
            return null;
        }
        catch (RuntimeException e) {
            throw damagedAfter(lastRowNumber, e);
        }
    }

    /** The failure of a sheet that cannot be read past the row {@code lastRowNumber} (0 before the first row). */
    static UnreadableFileException damagedAfter(int lastRowNumber, Exception cause) {
        return new UnreadableFileException("文件无法读取：工作簿第" + (lastRowNumber + 1)
                + "行附近的内容已损坏，无法解析。请在Excel中打开并另存后重新报送", cause);
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        for (Cell cell : row) {
            int column = cell.getColumnIndex();
            while (cells.size() <= column) {
                cells.add("");
            }
            cells.set(column, CellText.of(cell));
        }
        return cells;
    }

    @Override
    public void close() {
        try {
            workbook.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot close a workbook: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    /** Closes a workbook (or a part of one) whose opening failed half-way, keeping the failure that matters. */
    static void closeAfterFailure(AutoCloseable workbook, Exception failure) {
        if (workbook != null) {
            try {
                workbook.close();
            }
            catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
