package org.provincial.reporting.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.provincial.reporting.cli.CommandLineFunctionalTests.Invocation;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.support.LocalDaemon;
import org.provincial.reporting.support.SubmissionFiles;
import org.provincial.reporting.support.SystemProperties;
import org.provincial.reporting.support.Vsftpd;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.cli.CollectionWaitFunctionalTests.feedbackFiles;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.HEADER_VISITS;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.PERIOD;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.PROVINCE;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * SPEC §2.2 against Debian's vsftpd, a real non-Java FTP server that lists modification times to the minute in its
 * own local time and sends names as the bytes on disk: files uploaded seconds before {@code run}, a server listing 8
 * hours ahead of and behind the collector, a file still growing through the run's wait, and Chinese names in GBK
 * on the control connection. The collector runs in UTC (the JVM's default zone, in which the listings' times are
 * read, is set for each test), with the product's stable-after of 5 s and a changing wait of 15 s.
 */
@ExtendWith(OutputCaptureExtension.class)
class VsftpdCollectionFunctionalTests {

    private static final Duration STABLE_AFTER = Duration.ofSeconds(5);

    private static final Duration CHANGING_WAIT = Duration.ofSeconds(15);

    private static final String BEIJING = "Asia/Shanghai";

    private static final DateTimeFormatter LISTED_TIME = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH);

    private final SystemProperties properties = new SystemProperties();

    private TimeZone jvmZone;

    private Path root;

    @BeforeEach
    void collectorInUtcWithTheStableAfterOfTheProductAndAShortWait() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
        CommandLineFunctionalTests.FAST_COLLECTION.forEach(properties::set);
        properties.set("reporting.collect.stable-after", STABLE_AFTER.toSeconds() + "s");
        properties.set("reporting.collect.changing-wait", CHANGING_WAIT.toSeconds() + "s");
        root = LocalDaemon.accountDirectory("vsftpd-source");
    }

    @AfterEach
    void restoreTheJvmAndRemoveTheFiles() {
        TimeZone.setDefault(jvmZone);
        properties.restore();
        if (root != null) {
            LocalDaemon.delete(root);
        }
    }

    @ParameterizedTest(name = "vsftpd lists the time of {0}")
    @ValueSource(strings = { "UTC", BEIJING, "Etc/GMT+8" })
    void collectsEveryFileUploadedSecondsBeforeTheRunWithExactFigures(String serverZone, @TempDir Path temp,
            CapturedOutput output) throws IOException {
        Path staged = temp.resolve("staged");
        CommandLineFunctionalTests.twoSubmitters(staged);
        Files.createDirectories(root.resolve("640104"));
        Files.createDirectories(root.resolve("640100"));
        LocalDaemon.giveToAccount(root);
        try (Vsftpd vsftpd = Vsftpd.plain(temp, root, ZoneId.of(serverZone))) {
            vsftpd.upload(Map.of(
                    "640104/640104_visits_2025-01.csv", staged.resolve("640104/640104_visits_2025-01.csv"),
                    "640100/640100_visits_2025-01.csv", staged.resolve("640100/640100_visits_2025-01.csv")));
            // the server lists the upload's time in its own zone: 8 hours ahead of the collector, the same, or behind
            String listedTime = LISTED_TIME.format(Files.getLastModifiedTime(
                    root.resolve("640104/640104_visits_2025-01.csv")).toInstant().atZone(ZoneId.of(serverZone)));
            assertThat(vsftpd.listing("640104")).singleElement().asString()
                    .endsWith(" " + listedTime + " 640104_visits_2025-01.csv");

            Invocation run = run(output, vsftpd.url(), temp);

            assertThat(run.out()).contains("Collecting: a file is taken once its size and modification time are"
                    + " unchanged over 5 s; files still changing are waited for up to 15 s, then left for a later run");
            assertTwoSubmittersCounted(run, 2);
            assertThat(run.out()).contains("  left for a later run: 0\n").contains("  feedback uploads failed: 0\n");
            assertThat(root.resolve("640104/feedback/640104-2025-01.xlsx")).isNotEmptyFile();
            assertThat(root.resolve("640100/feedback/640100-2025-01.xlsx")).isNotEmptyFile();
        }
    }

    @Test
    void leavesAFileStillGrowingThroughTheWaitForALaterRunThatCollectsItOnceComplete(@TempDir Path temp,
            CapturedOutput output) throws Exception {
        CommandLineFunctionalTests.twoSubmitters(root);
        Path growing = SubmissionFiles.csv(root.resolve("640105/640105_visits_2025-01.csv"), rows(HEADER_VISITS));
        LocalDaemon.giveToAccount(root);
        try (Vsftpd vsftpd = Vsftpd.plain(temp, root, ZoneId.of(BEIJING))) {
            String masked = SourceLocation.parse(vsftpd.url()).masked();
            AtomicBoolean uploading = new AtomicBoolean(true);
            Thread writer = CollectionWaitFunctionalTests.appending(growing, "640105", PERIOD, Duration.ofSeconds(1),
                    uploading);
            Invocation first;
            long started = System.nanoTime();
            try {
                first = run(output, vsftpd.url(), temp);
            }
            finally {
                uploading.set(false);
                writer.join();
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            assertTwoSubmittersCounted(first, 2);
            assertThat(first.out()).contains("  left for a later run: 1 — 640105/640105_visits_2025-01.csv (" + masked
                    + ")\n");
            assertThat(output.getAll()).contains("Left 640105/640105_visits_2025-01.csv on " + masked + " for a later"
                    + " run: still changing");
            assertThat(seconds).as("the run waited the changing wait, and not much longer")
                    .isGreaterThanOrEqualTo(CHANGING_WAIT.toSeconds()).isLessThan(120);
            assertThat(feedbackFiles(root.resolve("640105/feedback/640105-2025-01.xlsx")))
                    .containsExactly("640105_visits_2025-01.csv|仍在上传，留待下次收取");

            Invocation second = run(output, vsftpd.url(), temp);

            // every row appended while the first run waited, one a second: all of them counted
            long appended = Files.readAllLines(growing).size() - 1;
            assertThat(appended).isGreaterThanOrEqualTo(CHANGING_WAIT.toSeconds() - 1);
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.out()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                    .contains("files    received 1, counted 3, rejected 0")
                    .contains("rows     accepted " + (4 + appended) + ", rejected 1, deduplicated 1")
                    .contains("  left for a later run: 0\n");
            assertThat(feedbackFiles(root.resolve("640105/feedback/640105-2025-01.xlsx")))
                    .containsExactly("640105_visits_2025-01.csv|已采用");
        }
    }

    @Test
    void collectsFromAServerSendingChineseNamesInGbkWithTheEncodingOfTheSource(@TempDir Path temp,
            CapturedOutput output) throws Exception {
        // the files under 各市报送/, 银川市's in its subdirectory 一月/, and a file of 兴庆区 named in Chinese: every
        // Chinese name written in GBK on disk, as a server on a GBK system holds them
        Path reports = root.resolve("reports");
        CommandLineFunctionalTests.twoSubmitters(reports);
        Files.createDirectories(reports.resolve("640100/month"));
        Files.move(reports.resolve("640100/640100_visits_2025-01.csv"),
                reports.resolve("640100/month/640100_visits_2025-01.csv"));
        Files.copy(reports.resolve("640104/640104_visits_2025-01.csv"), reports.resolve("640104/named.csv"));
        rename(reports.resolve("640104"), "named.csv", gbk("一月慰问名单.csv"));
        rename(reports.resolve("640100"), "month", gbk("一月"));
        rename(root, "reports", gbk("各市报送"));
        LocalDaemon.giveToAccount(root);
        try (Vsftpd vsftpd = Vsftpd.plain(temp, root, ZoneId.of(BEIJING))) {
            String source = vsftpd.url() + URLEncoder.encode("各市报送", StandardCharsets.UTF_8) + "?encoding=GBK";

            Invocation run = run(output, source, temp);

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                    .contains("files    received 3, counted 2, rejected 1")
                    .contains("rows     accepted 4, rejected 1, deduplicated 1")
                    .contains("  feedback uploads failed: 0\n");
        }
        // the feedback went back into the GBK-named directory
        rename(root, gbk("各市报送"), "reports");
        assertThat(feedbackFiles(reports.resolve("640104/feedback/640104-2025-01.xlsx"))).containsExactlyInAnyOrder(
                "640104_visits_2025-01.csv|部分行被退回", "一月慰问名单.csv|文件名不规范");
        assertThat(feedbackFiles(reports.resolve("640100/feedback/640100-2025-01.xlsx")))
                .containsExactly("640100_visits_2025-01.csv|已采用");
    }

    @Test
    void failsVisiblyWhenTheSourceDirectoryIsNotOnTheServerAsWhenItsNameIsSentInTheWrongEncoding(@TempDir Path temp,
            CapturedOutput output) throws Exception {
        Path reports = root.resolve("reports");
        CommandLineFunctionalTests.twoSubmitters(reports);
        rename(root, "reports", gbk("各市报送"));
        LocalDaemon.giveToAccount(root);
        try (Vsftpd vsftpd = Vsftpd.plain(temp, root, ZoneId.of(BEIJING))) {
            // without ?encoding=GBK the name goes out in UTF-8, which names no directory on this server
            String source = vsftpd.url() + URLEncoder.encode("各市报送", StandardCharsets.UTF_8);

            Invocation run = run(output, source, temp);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out()).containsPattern("Run \\d+ of 640000 2025-01: FAILED")
                    .contains("failed in step 'collect'")
                    .contains("FTP 服务器 127.0.0.1:" + vsftpd.port() + " 上没有目录 /各市报送（或无权进入）")
                    .contains("Cannot collect from " + SourceLocation.parse(source).masked() + ": the directory"
                            + " /各市报送 is not on the server or cannot be entered (550 ");
        }
    }

    private static Invocation run(CapturedOutput output, String source, Path temp) {
        return Invocation.of(output, "run", "--province", PROVINCE, "--period", PERIOD, "--source", source,
                "--out", temp.resolve("out").toString(), "--home", temp.resolve("home").toString());
    }

    /** {@link CommandLineFunctionalTests#twoSubmitters}'s figures, exactly, with this many files counted. */
    private static void assertTwoSubmittersCounted(Invocation run, int received) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                .contains("files    received " + received + ", counted 2, rejected 0")
                .contains("rows     accepted 4, rejected 1, deduplicated 1");
    }

    /**
     * Renames an entry of the directory; both names are formats of bash's printf, which writes the bytes of a
     * {@link #gbk} name (Java would write a name in its own encoding, UTF-8).
     */
    private static void rename(Path directory, String from, String to) {
        if (LocalDaemon.run(List.of("bash", "-c", "cd -- \"$1\" && mv -- \"$(printf \"$2\")\" \"$(printf \"$3\")\"",
                "bash", directory.toString(), from, to), null) != 0) {
            throw new UncheckedIOException(new IOException("Cannot rename " + from + " to " + to + " in " + directory));
        }
    }

    /** The name's GBK bytes as escapes of bash's printf. */
    private static String gbk(String name) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : name.getBytes(Charset.forName("GBK"))) {
            escaped.append("\\x").append(HexFormat.of().toHexDigits(b));
        }
        return escaped.toString();
    }
}
