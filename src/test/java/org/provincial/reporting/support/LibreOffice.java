package org.provincial.reporting.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Converts files with a real LibreOffice ({@code soffice}, installed by .ci/run), the way staff and clerks open them. */
public final class LibreOffice {

    private LibreOffice() {
    }

    /**
     * Converts {@code file} to {@code format} (e.g. "pdf", "xlsx", "csv") into {@code directory}, with a profile of
     * its own there, and returns the converted file; fails the test when LibreOffice is missing or writes nothing.
     */
    public static Path convert(Path file, String format, Path directory) throws IOException, InterruptedException {
        assertThat(onPath("soffice")).as("LibreOffice must be installed (apt-get install libreoffice-calc-nogui)").isTrue();
        Files.createDirectories(directory);
        Path log = directory.resolve("soffice.log");
        Process soffice = new ProcessBuilder("soffice", "-env:UserInstallation=" + directory.resolve("lo-profile").toUri(),
                "--headless", "--convert-to", format, "--outdir", directory.toString(), file.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(soffice.waitFor(240, TimeUnit.SECONDS)).as("soffice finished within 4 minutes").isTrue();
        String name = file.getFileName().toString();
        String extension = format.contains(":") ? format.substring(0, format.indexOf(':')) : format;
        Path converted = directory.resolve(name.substring(0, name.lastIndexOf('.')) + "." + extension);
        assertThat(converted).as(Files.readString(log)).exists();
        return converted;
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
