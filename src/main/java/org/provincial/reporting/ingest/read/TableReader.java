package org.provincial.reporting.ingest.read;

/** Streams the rows of a submitted file (the first sheet of a workbook, or the CSV), skipping blank rows. */
public interface TableReader extends AutoCloseable {

    /** The next non-blank row (one whose cells are not all empty or whitespace), or null at the end. */
    SheetRow next() throws UnreadableFileException;

    @Override
    void close();

    /** A short description of what was detected, such as "CSV GB18030" or "XLSX", for logs. */
    String description();
}
