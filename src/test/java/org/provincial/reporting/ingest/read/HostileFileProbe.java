package org.provincial.reporting.ingest.read;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads one file through TableReaders for HostileFilesTests, printing UNREADABLE and the reason, or ROWS and LAST. */
final class HostileFileProbe {

    // run in a JVM of its own with a small heap: an OutOfMemoryError or any stray exception shows in the exit code

    private HostileFileProbe() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (TableReader reader = TableReaders.open(Path.of(args[0]), FileFormat.valueOf(args[1]))) {
            long count = 0;
            SheetRow last = null;
            for (SheetRow row = reader.next(); row != null; row = reader.next()) {
                count++;
                last = row;
            }
            out.println("ROWS " + count);
            out.println("LAST " + (last == null ? "" : String.join("|", last.cells())));
        }
        catch (UnreadableFileException e) {
            out.println("UNREADABLE " + e.getMessage());
        }
    }
}
