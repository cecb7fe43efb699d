package org.provincial.reporting.ingest.read;

/**
 * Streams the rows of a submitted file (a sheet of a workbook, or the CSV), skipping blank rows. A workbook reader
 * starts on its first visible sheet and moves on to the next visible one when asked (SPEC §2.1).
 */
public interface TableReader extends AutoCloseable {

    /** The next non-blank row (one whose cells are not all empty or whitespace) of the current sheet, or null at its end. */
    SheetRow next() throws UnreadableFileException;

    /** Moves to the next visible sheet: false when there is none (always for a CSV). */
    boolean nextSheet() throws UnreadableFileException;

    /** The name of the current sheet, null for a CSV or a workbook without a visible sheet. */
    String sheetName();

    @Override
    void close();

    /** A short description of what was detected, such as "CSV GB18030" or "XLSX", for logs. */
    String description();
}
