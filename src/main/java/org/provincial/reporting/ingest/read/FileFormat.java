package org.provincial.reporting.ingest.read;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of file a submission may be, named after their file extensions. */
public enum FileFormat {

    CSV, XLSX, XLS;

    /** The format for a file extension such as "csv" or "XLSX" (case-insensitive); empty if it is none of the three. */
    public static Optional<FileFormat> fromExtension(String extension) {
        return Arrays.stream(values()).filter(format -> format.name().equalsIgnoreCase(extension)).findFirst();
    }
}
