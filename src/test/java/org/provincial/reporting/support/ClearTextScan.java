package org.provincial.reporting.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Looks for personal data left in clear: every file under the given roots is read as raw bytes (text files, the
 * embedded PostgreSQL's data files and WAL), and a zip file (xlsx) also part by part, decompressed. Each value is
 * searched as ASCII/UTF-8 and as UTF-16LE (xls strings), its letters in upper and lower case (an ID's X).
 */
public final class ClearTextScan {

    private ClearTextScan() {
    }

    /** The files under {@code roots} (absent roots are skipped) holding any of {@code values}, with those values. */
    public static Map<Path, Set<String>> find(Collection<String> values, Path... roots) {
        Map<Path, Set<String>> found = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Set<String> held = held(file, values);
                    if (!held.isEmpty()) {
                        found.put(file, held);
                    }
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot walk " + root, e);
            }
        }
        return found;
    }

    /** The values a file holds, in its raw bytes or in any part of it as a zip. */
    private static Set<String> held(Path file, Collection<String> values) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        }
        catch (NoSuchFileException gone) {
            // a temporary file of the running database, gone between listing and reading
            return Set.of();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Set<String> held = new TreeSet<>(in(content, values));
        if (content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
            // read by the central directory: POI's streamed parts carry their sizes only there
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry part : Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(part)) {
                        held.addAll(in(in.readAllBytes(), values));
                    }
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read the zip parts of " + file, e);
            }
        }
        return held;
    }

    private static List<String> in(byte[] content, Collection<String> values) {
        String bytes = new String(content, StandardCharsets.ISO_8859_1);
        return values.stream().filter(value -> forms(value).anyMatch(bytes::contains)).toList();
    }

    /** The value's bytes in each encoding and case, each read back as ISO-8859-1 to search a byte string. */
    private static Stream<String> forms(String value) {
        return Stream.of(value.toUpperCase(Locale.ROOT), value.toLowerCase(Locale.ROOT))
                .flatMap(text -> Stream.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE)
                        .map(charset -> new String(text.getBytes(charset), StandardCharsets.ISO_8859_1)));
    }
}
