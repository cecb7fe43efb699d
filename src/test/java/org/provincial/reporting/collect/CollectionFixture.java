package org.provincial.reporting.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

/** Shared steps of the collection tests: a clean database with the regions they use, and what got registered. */
final class CollectionFixture {

    private final JdbcTemplate jdbc;

    /** What the collector reported, one "source path status" line a file. */
    final List<String> progress = new CopyOnWriteArrayList<>();

    CollectionFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.update("delete from annotated_copy");
        jdbc.update("delete from rejection");
        jdbc.update("delete from submission");
        jdbc.update("delete from collected_file");
        jdbc.update("""
                insert into region (code, name, level, parent_code, province_code, rank) values
                    ('440000', '广东省', 'province', null, '440000', 1),
                    ('440100', '广州市', 'city', '440000', '440000', 2),
                    ('440103', '荔湾区', 'county', '440100', '440000', 3)
                on conflict do nothing""");
    }

    /** Starts appending the line to the file 25 times, every 30 ms, as an upload in progress does; join it. */
    static Thread growing(Path file, byte[] line) {
        Thread uploader = new Thread(() -> {
            for (int i = 0; i < 25; i++) {
                try {
                    Thread.sleep(30);
                    Files.write(file, line, StandardOpenOption.APPEND);
                }
                catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        uploader.start();
        return uploader;
    }

    CollectionProgress recorder() {
        return (source, path, status) -> progress.add(source + " " + path + " " + status);
    }

    List<Map<String, Object>> submissions() {
        return jdbc.queryForList("select * from submission order by id");
    }

    Map<String, Object> submission(String remotePath) {
        return jdbc.queryForMap("select * from submission where remote_path = ? order by id desc limit 1", remotePath);
    }

    List<Map<String, Object>> rejections() {
        return jdbc.queryForList("select r.*, s.remote_path from rejection r"
                + " join submission s on s.id = r.submission_id order by r.id");
    }

    List<String> collectedKeys() {
        return jdbc.queryForList("select message_id from collected_file order by message_id", String.class);
    }

    static Path write(Path root, String relativePath, byte[] content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteChildren(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> p.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes like a workbook's: every byte value, CR LF pairs, NULs and a lone LF. */
    static byte[] binaryContent(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        byte[] awkward = {'\r', '\n', 0, 0, '\n', '\r', 0x1a, (byte) 0xff};
        for (int i = 0; i + awkward.length < size; i += 997) {
            System.arraycopy(awkward, 0, bytes, i, awkward.length);
        }
        return bytes;
    }
}
