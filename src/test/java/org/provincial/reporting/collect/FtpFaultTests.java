package org.provincial.reporting.collect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.provincial.reporting.collect.CollectionFixture.binaryContent;
import static org.provincial.reporting.collect.CollectionFixture.sha256;
import static org.provincial.reporting.collect.CollectionFixture.write;

/** Faults of a real FTP server injected mid-transfer: downloads that break off, crawl, or lose the server. */
@ReportingTest
@ExtendWith(OutputCaptureExtension.class)
class FtpFaultTests {

    @TempDir
    Path ftpRoot;

    @Autowired
    SubmissionCollector collector;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReportingHome home;

    FtpTestServer ftp;

    CollectionFixture fixture;

    @BeforeEach
    void startClean() {
        fixture = new CollectionFixture(jdbc);
    }

    @AfterEach
    void stopServer() {
        if (ftp != null) {
            ftp.close();
        }
    }

    @Test
    void fetchesAFileAgainWhenTheConnectionDropsMidTransferAndRegistersOnlyTheWholeFile(CapturedOutput output)
            throws IOException {
        byte[] workbook = binaryContent(200_000, 11);
        write(ftpRoot, "440103/440103_contracts_2025-05.xlsx", workbook);
        AtomicInteger downloads = new AtomicInteger();
        ftp = FtpTestServer.start(ftpRoot, 0, (path, content) -> downloads.incrementAndGet() == 1
                ? breakingOffAfter(content, 50_000) : content, 0);

        CollectionResult result = collector.collect("440000", List.of(ftp.source()), 51, fixture.recorder());

        assertThat(downloads).hasValue(2);
        assertThat(result).isEqualTo(new CollectionResult(1, Map.of("RECEIVED", 1)));
        assertThat(fixture.submissions()).singleElement().satisfies(submission -> assertThat(submission)
                .containsEntry("sha256", sha256(workbook)).containsEntry("size_bytes", (long) workbook.length));
        assertNothingPartialKept(workbook);
        assertThat(output.getAll()).contains("The transfer of 440103/440103_contracts_2025-05.xlsx from "
                + ftp.source().masked() + " failed (").contains("fetching it again (1 of 2)")
                .doesNotContain(FtpTestServer.PASSWORD);
    }

    @Test
    void failsNamingTheSourceAndTheFileWhenEveryTransferBreaksOffAndCollectsItOnceTheServerRecovers(
            CapturedOutput output) throws IOException {
        byte[] workbook = binaryContent(120_000, 12);
        write(ftpRoot, "440103/440103_contracts_2025-06.xlsx", workbook);
        AtomicBoolean faulty = new AtomicBoolean(true);
        AtomicInteger downloads = new AtomicInteger();
        ftp = FtpTestServer.start(ftpRoot, 0, (path, content) -> {
            downloads.incrementAndGet();
            return faulty.get() ? breakingOffAfter(content, 30_000) : content;
        }, 0);
        String masked = ftp.source().masked();

        assertThatExceptionOfType(SourceUnavailableException.class)
                .isThrownBy(() -> collector.collect("440000", List.of(ftp.source()), 52, fixture.recorder()))
                .withMessageStartingWith("无法从 " + masked
                        + " 收取文件：440103/440103_contracts_2025-06.xlsx：")
                .withMessageEndingWith("（已尝试 3 次）")
                .withMessageNotContaining(FtpTestServer.PASSWORD);
        assertThat(downloads).hasValue(3);
        assertThat(fixture.submissions()).isEmpty();
        assertThat(fixture.collectedKeys()).isEmpty();
        assertNothingPartialKept(workbook);

        faulty.set(false);
        CollectionResult recovered = collector.collect("440000", List.of(ftp.source()), 53, fixture.recorder());

        assertThat(recovered).isEqualTo(new CollectionResult(1, Map.of("RECEIVED", 1)));
        assertThat(fixture.submission("440103/440103_contracts_2025-06.xlsx"))
                .containsEntry("sha256", sha256(workbook)).containsEntry("collected_by", 53L);
        assertThat(output.getAll()).doesNotContain(FtpTestServer.PASSWORD);
    }

    @Test
    void receivesABigFileWholeFromAThrottledServer() {
        byte[] workbook = binaryContent(256 * 1024, 13);
        write(ftpRoot, "440103/440103_contracts_2025-07.xlsx", workbook);
        ftp = FtpTestServer.start(ftpRoot, 0, (path, content) -> content, 64 * 1024);

        long started = System.nanoTime();
        CollectionResult result = collector.collect("440000", List.of(ftp.source()), 54, fixture.recorder());
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("256 KiB at 64 KiB/s collected in %.1f s%n", seconds);
        assertThat(seconds).as("the throttle held the transfer back").isGreaterThan(2);
        assertThat(result).isEqualTo(new CollectionResult(1, Map.of("RECEIVED", 1)));
        assertThat(fixture.submission("440103/440103_contracts_2025-07.xlsx"))
                .containsEntry("sha256", sha256(workbook)).containsEntry("size_bytes", (long) workbook.length);
    }

    @Test
    void failsNamingTheMaskedSourceWhenTheServerStopsMidTransferAndCollectsEveryFileOnceWhenItIsBack(
            CapturedOutput output) throws Exception {
        byte[] big = binaryContent(400 * 1024, 14);
        write(ftpRoot, "440100/440100_contracts_2025-08.xlsx", big);
        for (String submitter : List.of("440100", "440103")) {
            write(ftpRoot, submitter + "/" + submitter + "_welfare_2025-08.csv",
                    ("welfare of " + submitter).getBytes(StandardCharsets.UTF_8));
            write(ftpRoot, submitter + "/" + submitter + "_visits_2025-08.csv",
                    ("visits of " + submitter).getBytes(StandardCharsets.UTF_8));
        }
        AtomicBoolean stopping = new AtomicBoolean();
        ftp = FtpTestServer.start(ftpRoot, 0, (path, content) -> path.endsWith(".xlsx")
                ? whenRead(content, 100 * 1024, () -> {
                    if (stopping.compareAndSet(false, true)) {
                        // from a thread of its own: the server cannot stop from inside one of its transfers
                        new Thread(ftp::close, "stop-ftp").start();
                    }
                    // a transfer under way dies with its server (Apache FtpServer's stop alone would let it end)
                    throw new IOException("the server is stopping");
                }) : content, 50 * 1024);
        String masked = ftp.source().masked();
        int port = ftp.port();

        assertThatExceptionOfType(SourceUnavailableException.class)
                .isThrownBy(() -> collector.collect("440000", List.of(ftp.source()), 55, fixture.recorder()))
                .withMessageStartingWith("无法从 " + masked + " 收取文件：")
                .withMessageNotContaining(FtpTestServer.PASSWORD);
        assertThat(stopping).isTrue();
        assertThat(fixture.submissions()).extracting(s -> s.get("remote_path"))
                .doesNotContain("440100/440100_contracts_2025-08.xlsx");
        assertNothingPartialKept(big);

        ftp = FtpTestServer.start(ftpRoot, port);
        collector.collect("440000", List.of(ftp.source()), 56, fixture.recorder());

        assertThat(fixture.submissions()).extracting(s -> s.get("remote_path")).containsExactlyInAnyOrder(
                "440100/440100_contracts_2025-08.xlsx", "440100/440100_welfare_2025-08.csv",
                "440100/440100_visits_2025-08.csv", "440103/440103_welfare_2025-08.csv",
                "440103/440103_visits_2025-08.csv");
        assertThat(fixture.submission("440100/440100_contracts_2025-08.xlsx"))
                .containsEntry("sha256", sha256(big)).containsEntry("collected_by", 56L);
        assertThat(output.getAll()).doesNotContain(FtpTestServer.PASSWORD);
    }

    @Test
    void readsAFileOnlyOnceItsUploadToTheServerIsCompleteAndRegistersItWithItsFinalSize() throws Exception {
        Path file = write(ftpRoot, "440103/440103_visits_2025-09.csv",
                "行政区划代码,身份证号\n".getBytes(StandardCharsets.UTF_8));
        byte[] line = "440103,11010519491231002X\n".getBytes(StandardCharsets.UTF_8);
        ftp = FtpTestServer.start(ftpRoot);
        Thread uploader = CollectionFixture.growing(file, line);

        collector.collect("440000", List.of(ftp.source()), 57, fixture.recorder());
        uploader.join();

        assertThat(fixture.submissions()).singleElement().satisfies(submission -> assertThat(submission)
                .containsEntry("sha256", sha256(Files.readAllBytes(file)))
                .containsEntry("size_bytes", Files.size(file)));
        // the receipt (and the idempotent key) carry the final size, so the next run does not fetch it again
        assertThat(fixture.collectedKeys()).singleElement().asString()
                .startsWith("440103/440103_visits_2025-09.csv-" + Files.size(file) + "-");
        assertThat(collector.collect("440000", List.of(ftp.source()), 58, fixture.recorder()).filesReceived()).isZero();
    }

    /** No file of the archive is a cut-off copy of the content, and no temporary file is left in incoming/. */
    private void assertNothingPartialKept(byte[] content) throws IOException {
        try (Stream<Path> archived = Files.walk(home.archiveDirectory())) {
            assertThat(archived.filter(Files::isRegularFile)).noneSatisfy(path -> {
                byte[] bytes = Files.readAllBytes(path);
                assertThat(bytes.length < content.length
                        && Arrays.equals(bytes, 0, bytes.length, content, 0, bytes.length)).isTrue();
            });
        }
        try (Stream<Path> incoming = Files.list(home.incomingDirectory())) {
            assertThat(incoming).isEmpty();
        }
    }

    /** A download that fails after {@code bytes} bytes, as a dropped connection does. */
    private static InputStream breakingOffAfter(InputStream content, int bytes) {
        return whenRead(content, bytes, () -> {
            throw new IOException("connection dropped by the test");
        });
    }

    /** Runs {@code reached} once {@code bytes} bytes have been read, and on every read after. */
    private static InputStream whenRead(InputStream content, int bytes, Fault reached) {
        return new FilterInputStream(content) {

            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read >= bytes) {
                    reached.happen();
                }
                int n = super.read(buffer, offset, read < bytes ? (int) Math.min(length, bytes - read) : length);
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    /** What happens to a download at its chosen point. */
    @FunctionalInterface
    private interface Fault {
        void happen() throws IOException;
    }
}
