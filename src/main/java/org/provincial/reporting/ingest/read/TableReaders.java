package org.provincial.reporting.ingest.read;

import java.nio.file.Path;

/** Opens a submitted file as a {@link TableReader} for the format its extension names. */
public final class TableReaders {

    private TableReaders() {
    }

    /**
     * Opens the file, checking that its content is what {@code format} says.
     *
     * @throws UnreadableFileException when the content is not a readable file of that format; an I/O failure on the
     *     local copy of the file is a fault of this system, not of the submitter, and is an UncheckedIOException
     */
    public static TableReader open(Path file, FileFormat format) throws UnreadableFileException {
        return switch (format) {
            case CSV -> CsvTableReader.open(file);
            case XLSX -> XlsxTableReader.open(file);
            case XLS -> XlsTableReader.open(file);
        };
    }
}
