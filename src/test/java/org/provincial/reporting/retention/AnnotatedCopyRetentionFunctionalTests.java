package org.provincial.reporting.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SubmissionCollector;
import org.provincial.reporting.feedback.AnnotatedCopyLocations;
import org.provincial.reporting.feedback.AnnotatedCopyLocations.Copy;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.support.ClearTextScan;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.Ids.residentId;
import static org.provincial.reporting.support.Ids.withWrongCheckCharacter;

/**
 * 贵州 (520000) collected over a real FTP server for a month that expires and one that is kept; the expired month
 * run twice into two output folders. The annotated copies of its xlsx files (the originals with marks, resident IDs
 * in clear) are purged with the originals — under the home, in both output folders and on the FTP server — the last
 * only once the server, down at the first purge, is back. A scan of every file the product wrote (the embedded
 * database's files included) finds the month's resident IDs before the purge only in the archive and the annotated
 * copies, and after it nowhere.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnotatedCopyRetentionFunctionalTests {

    static final String PROVINCE = "520000";
    static final String CITY = "520100";
    static final String COUNTY = "520102";
    static final String EXPIRED = "2010-11";
    static final String KEPT = "2037-01";

    /** 20 January 2011 with a retention of 1 month: November 2010 ended before 20 December, nothing later did. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2011-01-20T08:00:00Z"), ZoneOffset.UTC);
    static final int MONTHS = 1;

    static final List<String> VISITS_HEADER = List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）");
    static final String SUBSIDIES_HEADER = "行政区划代码,受助对象证件号,受助对象名称,补助项目,补助金额（元）,发放日期";

    static final String P1 = residentId(COUNTY, LocalDate.of(1970, 3, 1), 11);
    static final String P2 = residentId(COUNTY, LocalDate.of(1985, 7, 9), 22);
    static final String P3 = residentId(CITY, LocalDate.of(1990, 12, 1), 33);
    static final String BAD_COUNTY = withWrongCheckCharacter(residentId(COUNTY, LocalDate.of(1975, 5, 5), 44));
    static final String BAD_CITY = withWrongCheckCharacter(residentId(CITY, LocalDate.of(1980, 1, 1), 55));
    static final String BAD_RECIPIENT = withWrongCheckCharacter(residentId(COUNTY, LocalDate.of(1962, 2, 2), 66));
    /** Every resident ID typed into the expired month's files, valid or not. */
    static final List<String> EXPIRED_IDS = List.of(P1, P2, P3, BAD_COUNTY, BAD_CITY, BAD_RECIPIENT);
    static final String K1 = residentId(COUNTY, LocalDate.of(1991, 9, 9), 77);
    static final String BAD_KEPT = withWrongCheckCharacter(residentId(COUNTY, LocalDate.of(1993, 3, 3), 88));

    static final String COUNTY_COPY = COUNTY + "-" + EXPIRED + "-" + COUNTY + "_visits_" + EXPIRED + "-批注.xlsx";
    static final String CITY_COPY = CITY + "-" + EXPIRED + "-" + CITY + "_visits_" + EXPIRED + "-批注.xlsx";
    static final String KEPT_COPY = COUNTY + "-" + KEPT + "-" + COUNTY + "_visits_" + KEPT + "-批注.xlsx";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SubmissionRepository submissions;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DatasetMappings mappings;

    @Autowired
    ReportingHome home;

    @Autowired
    PipelineRunner runner;

    @Autowired
    SubmissionCollector collector;

    @Autowired
    AnnotatedCopyLocations copyLocations;

    RetentionPurge purge;
    FtpTestServer ftp;
    Path ftpRoot;
    int ftpPort;
    Path outFirst;
    Path outSecond;
    Path outKept;
    Map<Path, Set<String>> before;
    PurgeResult dryRun;
    Map<Path, Set<String>> afterDryRun;
    PurgeResult whileServerDown;
    Map<Path, Set<String>> afterFirstPurge;
    List<Copy> pendingAfterFirstPurge;
    PurgeResult dryRunBeforeRetry;
    PurgeResult serverBack;
    Map<Path, Set<String>> after;
    List<Map<String, Object>> purgeRecords;

    @BeforeAll
    void runPurgeWhileTheServerIsDownAndPurgeAgain(@TempDir Path temp) throws Exception {
        purge = new RetentionPurge(jdbc, submissions, transactionManager, mappings, home, collector, copyLocations,
                CLOCK);
        Path files = temp.resolve("files");
        ftpRoot = temp.resolve("ftp");
        ftp = FtpTestServer.start(ftpRoot);
        ftpPort = ftp.port();
        outFirst = temp.resolve("out-first");
        outSecond = temp.resolve("out-second");
        outKept = temp.resolve("out-kept");

        // the expired month: two xlsx files with rejected rows (annotated copies), a CSV (none)
        ftp.put(SubmissionFiles.xlsx(files.resolve(COUNTY + "_visits_" + EXPIRED + ".xlsx"), "2010年11月慰问情况统计表",
                List.of(VISITS_HEADER,
                        List.of(COUNTY, P1, "张三", "困难职工", "2010-11-10", 500),
                        List.of(COUNTY, P2, "李四", "快递员", "2010-11-11", 300),
                        List.of(COUNTY, BAD_COUNTY, "王五", "劳模", "2010-11-12", 100))), COUNTY);
        ftp.put(SubmissionFiles.xlsx(files.resolve(CITY + "_visits_" + EXPIRED + ".xlsx"), null, List.of(
                VISITS_HEADER,
                List.of(COUNTY, P2, "李四", "快递员", "2010-11-11", 300),
                List.of(CITY, P3, "钱七", "一线职工", "2010-11-15", 200),
                List.of(CITY, BAD_CITY, "赵六", "一线职工", "2010-11-16", 100))), CITY);
        ftp.put(SubmissionFiles.csv(files.resolve(COUNTY + "_subsidies_" + EXPIRED + ".csv"), SubmissionFiles.rows(
                SUBSIDIES_HEADER,
                COUNTY + "," + P1 + ",张三,困难职工生活救助,2000.00,2010-11-08",
                COUNTY + "," + BAD_RECIPIENT + ",孙八,金秋助学,800.00,2010-11-09")), COUNTY);
        // the kept month: one xlsx with a rejected row
        ftp.put(SubmissionFiles.xlsx(files.resolve(COUNTY + "_visits_" + KEPT + ".xlsx"), null, List.of(
                VISITS_HEADER,
                List.of(COUNTY, K1, "周九", "困难职工", "2037-01-10", 500),
                List.of(COUNTY, BAD_KEPT, "吴十", "困难职工", "2037-01-11", 100))), COUNTY);

        completed(runner.startAndWait(PROVINCE, EXPIRED, List.of(ftp.source()), outFirst, 0.5));
        // run again into another output folder: the feedback, annotated copies included, is written there too
        completed(runner.startAndWait(PROVINCE, EXPIRED, List.of(ftp.source()), outSecond, 0.5));
        completed(runner.startAndWait(PROVINCE, KEPT, List.of(ftp.source()), outKept, 0.5));
        before = scan();

        dryRun = purge.purge(MONTHS, true);
        afterDryRun = scan();
        ftp.close();
        whileServerDown = purge.purge(MONTHS, false);
        afterFirstPurge = scan();
        pendingAfterFirstPurge = copyLocations.pending();

        ftp = FtpTestServer.start(ftpRoot, ftpPort);
        dryRunBeforeRetry = purge.purge(MONTHS, true);
        serverBack = purge.purge(MONTHS, false);
        after = scan();
        purgeRecords = jdbc.queryForList("select period, annotated_copies from retention_purge where province = ?",
                PROVINCE);
    }

    @AfterAll
    void stopTheFtpServer() {
        ftp.close();
    }

    @Test
    void findsTheExpiredMonthsIdsBeforeThePurgeOnlyInTheArchiveAndTheAnnotatedCopies() {
        Path archive = home.root().resolve("archive");
        List<Path> annotated = List.of(
                home.root().resolve("feedback/" + EXPIRED + "/" + COUNTY_COPY),
                home.root().resolve("feedback/" + EXPIRED + "/" + CITY_COPY),
                outFirst.resolve("feedback/" + COUNTY_COPY), outFirst.resolve("feedback/" + CITY_COPY),
                outSecond.resolve("feedback/" + COUNTY_COPY), outSecond.resolve("feedback/" + CITY_COPY),
                ftpRoot.resolve(COUNTY + "/feedback/" + COUNTY_COPY), ftpRoot.resolve(CITY + "/feedback/" + CITY_COPY));

        assertThat(before.keySet().stream().filter(file -> file.startsWith(archive))).hasSize(3);
        assertThat(before.keySet().stream().filter(file -> !file.startsWith(archive)))
                .containsExactlyInAnyOrderElementsOf(annotated);
        assertThat(before).hasSize(11);
        annotated.forEach(copy -> assertThat(before.get(copy)).as("%s", copy)
                .isEqualTo(copy.getFileName().toString().startsWith(COUNTY)
                        ? Set.of(P1, P2, BAD_COUNTY) : Set.of(P2, P3, BAD_CITY)));
        assertThat(before.values().stream().mapToInt(Set::size).sum()).as("IDs found, counted per file")
                .isEqualTo(3 + 3 + 2 + 8 * 3);
    }

    @Test
    void listsInTheDryRunEveryPlaceAnAnnotatedCopyWasWritten() {
        PurgeResult.PeriodPurge expired = dryRun.periods().stream()
                .filter(period -> PROVINCE.equals(period.province())).findFirst().orElseThrow();
        String server = "ftp://" + FtpTestServer.USER + ":***@127.0.0.1:" + ftpPort + "/";

        assertThat(expired.period()).isEqualTo(EXPIRED);
        assertThat(expired.annotatedCopies()).containsExactlyInAnyOrder(
                outFirst.resolve("feedback/" + COUNTY_COPY).toString(),
                outFirst.resolve("feedback/" + CITY_COPY).toString(),
                outSecond.resolve("feedback/" + COUNTY_COPY).toString(),
                outSecond.resolve("feedback/" + CITY_COPY).toString(),
                home.root().toAbsolutePath().resolve("feedback/" + EXPIRED + "/" + COUNTY_COPY).toString(),
                home.root().toAbsolutePath().resolve("feedback/" + EXPIRED + "/" + CITY_COPY).toString(),
                server + COUNTY + "/feedback/" + COUNTY_COPY,
                server + CITY + "/feedback/" + CITY_COPY);
        assertThat(dryRun.report()).contains("  annotated copy " + server + COUNTY + "/feedback/" + COUNTY_COPY)
                .anyMatch(line -> line.startsWith("would purge 520000 2010-11: 3 submission(s), ")
                        && line.endsWith(", 8 annotated copy(ies)"));
        assertThat(afterDryRun).as("the dry run deleted nothing").isEqualTo(before);
    }

    @Test
    void deletesTheLocalCopiesAndListsTheRemoteOnesPendingWhileTheServerIsDown() {
        String server = "ftp://" + FtpTestServer.USER + ":***@127.0.0.1:" + ftpPort + "/";

        assertThat(whileServerDown.annotatedCopies().deleted()).hasSize(6).allMatch(copy -> !copy.kind().equals("remote"));
        assertThat(whileServerDown.annotatedCopies().pending()).extracting(Copy::location).containsExactlyInAnyOrder(
                server + COUNTY + "/feedback/" + COUNTY_COPY, server + CITY + "/feedback/" + CITY_COPY);
        assertThat(pendingAfterFirstPurge).extracting(Copy::location)
                .containsExactlyInAnyOrderElementsOf(whileServerDown.annotatedCopies().pending().stream()
                        .map(Copy::location).toList());
        assertThat(whileServerDown.report())
                .contains("deleted 6 annotated copy(ies) of purged originals",
                        "PENDING: 2 annotated copy(ies) could not be deleted; the next purge tries again:")
                .anyMatch(line -> line.startsWith("  " + server + COUNTY + "/feedback/" + COUNTY_COPY + ": "))
                .noneMatch(line -> line.contains(FtpTestServer.PASSWORD));
        assertThat(pendingAfterFirstPurge).allMatch(copy -> copy.failure() != null && !copy.failure().isBlank()
                && !copy.failure().contains(FtpTestServer.PASSWORD));
        // with the server down, only the copies on it are left
        assertThat(afterFirstPurge.keySet()).containsExactlyInAnyOrder(
                ftpRoot.resolve(COUNTY + "/feedback/" + COUNTY_COPY), ftpRoot.resolve(CITY + "/feedback/" + CITY_COPY));
        assertThat(dryRunBeforeRetry.report()).contains("would retry 2 annotated copy(ies) an earlier purge could not"
                + " delete:");
    }

    @Test
    void deletesThePendingCopiesOnceTheServerIsBackAndLeavesNoIdOfTheMonthAnywhere() {
        assertThat(serverBack.periods()).noneMatch(period -> PROVINCE.equals(period.province()));
        assertThat(serverBack.annotatedCopies().deleted()).extracting(Copy::path).containsExactlyInAnyOrder(
                COUNTY + "/feedback/" + COUNTY_COPY, CITY + "/feedback/" + CITY_COPY);
        assertThat(serverBack.annotatedCopies().pending()).isEmpty();
        assertThat(copyLocations.pending()).isEmpty();
        assertThat(ftpRoot.resolve(COUNTY + "/feedback/" + COUNTY_COPY)).doesNotExist();
        assertThat(ftpRoot.resolve(CITY + "/feedback/" + CITY_COPY)).doesNotExist();
        assertThat(after).as("files holding an ID of the purged month").isEmpty();
    }

    @Test
    void countsTheAnnotatedCopiesInThePurgeRecord() {
        assertThat(purgeRecords).containsExactly(Map.of("period", EXPIRED, "annotated_copies", 8));
    }

    @Test
    void keepsTheMaskedFeedbackAndTheKeptMonthsAnnotatedCopies() {
        assertThat(outFirst.resolve("feedback/" + COUNTY + "-" + EXPIRED + ".xlsx")).isRegularFile();
        assertThat(outSecond.resolve("feedback/" + CITY + "-" + EXPIRED + ".xlsx")).isRegularFile();
        assertThat(home.root().resolve("feedback/" + EXPIRED + "/" + COUNTY + "-" + EXPIRED + ".xlsx")).isRegularFile();
        assertThat(ftpRoot.resolve(COUNTY + "/feedback/" + COUNTY + "-" + EXPIRED + ".xlsx")).isRegularFile();
        assertThat(ftpRoot.resolve(CITY + "/feedback/" + CITY + "-" + EXPIRED + ".xlsx")).isRegularFile();

        assertThat(outKept.resolve("feedback/" + KEPT_COPY)).isRegularFile();
        assertThat(home.root().resolve("feedback/" + KEPT + "/" + KEPT_COPY)).isRegularFile();
        assertThat(ftpRoot.resolve(COUNTY + "/feedback/" + KEPT_COPY)).isRegularFile();
        assertThat(ClearTextScan.find(List.of(K1, BAD_KEPT), ftpRoot.resolve(COUNTY + "/feedback")).keySet())
                .containsExactly(ftpRoot.resolve(COUNTY + "/feedback/" + KEPT_COPY));
    }

    /** The files holding an ID of the expired month: under the home, the output folders and the server's feedback/. */
    private Map<Path, Set<String>> scan() throws Exception {
        List<Path> feedbackFolders;
        try (Stream<Path> submitters = Files.list(ftpRoot)) {
            feedbackFolders = submitters.map(submitter -> submitter.resolve("feedback")).filter(Files::isDirectory)
                    .toList();
        }
        Stream<Path> roots = Stream.concat(Stream.of(home.root().toAbsolutePath(), outFirst, outSecond, outKept),
                feedbackFolders.stream());
        return ClearTextScan.find(EXPIRED_IDS, roots.toArray(Path[]::new));
    }

    private static void completed(RunSummary summary) {
        assertThat(summary.completed()).as("%s", summary).isTrue();
    }
}
