package org.provincial.reporting.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return convert(List.of(file), format, directory).get(0);
    }

    /**
     * Converts several files (of different names) with one start of LibreOffice, which takes most of the time; returns
     * the converted files in the same order.
     */
    public static List<Path> convert(List<Path> files, String format, Path directory) throws IOException, InterruptedException {
        assertThat(onPath("soffice")).as("LibreOffice must be installed (apt-get install libreoffice-calc-nogui)").isTrue();
        Files.createDirectories(directory);
        Path log = directory.resolve("soffice.log");
        List<String> command = new ArrayList<>(List.of("soffice", "-env:UserInstallation=" + directory.resolve("lo-profile").toUri(),
                "--headless", "--convert-to", format, "--outdir", directory.toString()));
        files.stream().distinct().forEach(file -> command.add(file.toString()));
        Process soffice = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(soffice.waitFor(240, TimeUnit.SECONDS)).as("soffice finished within 4 minutes").isTrue();
        String extension = format.contains(":") ? format.substring(0, format.indexOf(':')) : format;
        List<Path> converted = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Path output = directory.resolve(name.substring(0, name.lastIndexOf('.')) + "." + extension);
            assertThat(output).as(Files.readString(log)).exists();
            converted.add(output);
        }
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
