package org.provincial.reporting.ingest.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Test helpers that read a whole file through {@link TableReaders}. */
final class Tables {

    private Tables() {
    }

    static List<SheetRow> rows(Path file, FileFormat format) throws UnreadableFileException {
        try (TableReader reader = TableReaders.open(file, format)) {
            List<SheetRow> rows = new ArrayList<>();
            for (SheetRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            return rows;
        }
    }

    static String description(Path file, FileFormat format) throws UnreadableFileException {
        try (TableReader reader = TableReaders.open(file, format)) {
            return reader.description();
        }
    }

    /** Reads the file expecting it to be unreadable; returns the message after checking it is fit for a clerk. */
    static String unreadableMessage(Path file, FileFormat format) {
        UnreadableFileException e = catchThrowableOfType(UnreadableFileException.class, () -> rows(file, format));
        assertThat(e).as("reading %s as %s", file.getFileName(), format).isNotNull();
        assertThat(e.getMessage()).startsWith("文件无法读取：").doesNotContain("Exception", "java.", "org.", "\tat ");
        return e.getMessage();
    }
}
