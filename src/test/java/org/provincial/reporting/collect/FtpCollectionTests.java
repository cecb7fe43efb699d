package org.provincial.reporting.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.support.FtpTestServer;

import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.provincial.reporting.collect.CollectionFixture.binaryContent;
import static org.provincial.reporting.collect.CollectionFixture.sha256;
import static org.provincial.reporting.collect.CollectionFixture.write;

@ReportingTest
@ExtendWith(OutputCaptureExtension.class)
class FtpCollectionTests {

    private static final byte[] VISITS = ("行政区划代码,身份证号,慰问对象类别,慰问日期,慰问金额（元）\r\n"
            + "440103,11010519491231002X,困难职工,2025-01-20,500.00\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path ftpRoot;

    static FtpTestServer ftp;

    @Autowired
    SubmissionCollector collector;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReportingHome home;

    @Autowired
    CamelContext camel;

    CollectionFixture fixture;

    @BeforeAll
    static void startServer() throws Exception {
        ftp = FtpTestServer.start(ftpRoot);
    }

    @AfterAll
    static void stopServer() {
        ftp.close();
    }

    @BeforeEach
    void startClean() {
        CollectionFixture.deleteChildren(ftpRoot);
        fixture = new CollectionFixture(jdbc);
    }

    @Test
    void registersEachNewFileWithWhatItsNameSaysAndArchivesItByHash() throws IOException {
        byte[] subsidies = binaryContent(4096, 1);
        write(ftpRoot, "440100/440100_visits_2025-01.csv", VISITS);
        write(ftpRoot, "440103/440103_subsidies_2025-02_v2.XLSX", subsidies);

        CollectionResult result = collector.collect("440000", List.of(ftp.source()), 7, fixture.recorder());

        assertThat(result).isEqualTo(new CollectionResult(2, Map.of("RECEIVED", 2)));
        String masked = ftp.source().masked();
        assertThat(fixture.progress).containsExactlyInAnyOrder(
                masked + " 440100/440100_visits_2025-01.csv RECEIVED",
                masked + " 440103/440103_subsidies_2025-02_v2.XLSX RECEIVED");
        Map<String, Object> visits = fixture.submission("440100/440100_visits_2025-01.csv");
        assertThat(visits).containsEntry("source", masked).containsEntry("submitter", "440100")
                .containsEntry("province", "440000").containsEntry("file_name", "440100_visits_2025-01.csv")
                .containsEntry("dataset", "visits").containsEntry("period", "2025-01").containsEntry("version", 1)
                .containsEntry("format", "csv").containsEntry("size_bytes", (long) VISITS.length)
                .containsEntry("sha256", sha256(VISITS)).containsEntry("status", "RECEIVED")
                .containsEntry("collected_by", 7L).containsEntry("counted", false);
        assertThat(visits.get("received_at")).isNotNull();
        assertThat((String) visits.get("receipt_key")).startsWith(masked + "|440100/440100_visits_2025-01.csv|"
                + VISITS.length + "|");
        assertThat(fixture.submission("440103/440103_subsidies_2025-02_v2.XLSX"))
                .containsEntry("submitter", "440103").containsEntry("province", "440000")
                .containsEntry("dataset", "subsidies").containsEntry("period", "2025-02").containsEntry("version", 2)
                .containsEntry("format", "xlsx").containsEntry("status", "RECEIVED");
        assertThat(fixture.rejections()).isEmpty();

        Path archived = home.root().resolve((String) visits.get("archive_path"));
        String hash = sha256(VISITS);
        assertThat(visits.get("archive_path")).isEqualTo(
                "archive/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash);
        assertThat(archived).hasFileName(hash).hasBinaryContent(VISITS);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archived))).isEqualTo("rw-------");
        try (Stream<Path> incoming = Files.list(home.incomingDirectory())) {
            assertThat(incoming).isEmpty();
        }
    }

    @Test
    void collectsFromAJobSourceWhoseUserAndPasswordStandBesideItsUrl(@TempDir Path jobs) throws IOException {
        // the password holds @, :, / and + as they are: the username and password keys need no percent-encoding
        Files.writeString(jobs.resolve("guangdong.yaml"), """
                province: "440000"
                sources:
                  - url: "ftp://127.0.0.1:%d/"
                    username: "%s"
                    password: "%s"
                """.formatted(ftp.port(), FtpTestServer.USER, FtpTestServer.PASSWORD));
        SourceLocation source = new JobDefinitions(new PathMatchingResourcePatternResolver(), new StandardEnvironment(),
                jobs.toUri() + "*.yaml").forProvince("440000").orElseThrow().sources().get(0);
        write(ftpRoot, "440100/440100_visits_2025-01.csv", VISITS);

        CollectionResult result = collector.collect("440000", List.of(source), 10, fixture.recorder());

        assertThat(source.password()).isEqualTo(FtpTestServer.PASSWORD).contains("@", ":");
        assertThat(result).isEqualTo(new CollectionResult(1, Map.of("RECEIVED", 1)));
        assertThat(fixture.submission("440100/440100_visits_2025-01.csv")).containsEntry("source", ftp.source().masked())
                .containsEntry("sha256", sha256(VISITS));
    }

    @Test
    void registersNothingNewWhenCollectingAgain() {
        write(ftpRoot, "440100/440100_visits_2025-01.csv", VISITS);
        write(ftpRoot, "440103/440103_visits_2025-01.csv", "different".getBytes(StandardCharsets.UTF_8));
        collector.collect("440000", List.of(ftp.source()), 1, fixture.recorder());

        CollectionResult again = collector.collect("440000", List.of(ftp.source()), 2, fixture.recorder());

        assertThat(again).isEqualTo(new CollectionResult(0, Map.of()));
        assertThat(fixture.submissions()).hasSize(2);
        assertThat(fixture.collectedKeys()).hasSize(2)
                .allMatch(key -> key.matches("4401(00|03)/4401(00|03)_visits_2025-01\\.csv-\\d+-\\d{13}"));
        assertThat(camel.getRoutes()).noneMatch(route -> route.getRouteId().startsWith("collect-"));
        assertThat(((ModelCamelContext) camel).getRouteDefinitions()).noneMatch(r -> r.getId().startsWith("collect-"));
        assertThat(camel.getEndpoints()).noneMatch(endpoint -> endpoint.getEndpointUri().startsWith("ftp:"));
    }

    @Test
    void registersAChangedFileWithTheSameNameAgain() {
        write(ftpRoot, "440100/440100_visits_2025-01.csv", VISITS);
        collector.collect("440000", List.of(ftp.source()), 1, fixture.recorder());
        byte[] corrected = (new String(VISITS, StandardCharsets.UTF_8)
                + "440103,440103199001011237,一线职工,2025-01-21,300.00\r\n").getBytes(StandardCharsets.UTF_8);
        write(ftpRoot, "440100/440100_visits_2025-01.csv", corrected);

        CollectionResult result = collector.collect("440000", List.of(ftp.source()), 2, fixture.recorder());

        assertThat(result).isEqualTo(new CollectionResult(1, Map.of("RECEIVED", 1)));
        assertThat(fixture.submissions()).extracting(s -> s.get("sha256"), s -> s.get("collected_by"))
                .containsExactly(tuple(sha256(VISITS), 1L),
                        tuple(sha256(corrected), 2L));
    }

    @Test
    void marksTheSameBytesUnderAnotherNameOfTheSameSubmitterAsDuplicateFile() {
        write(ftpRoot, "440100/440100_visits_2025-01.csv", VISITS);
        collector.collect("440000", List.of(ftp.source()), 1, fixture.recorder());
        write(ftpRoot, "440100/440100_visits_2025-01_v2.csv", VISITS);
        write(ftpRoot, "440103/440103_visits_2025-01.csv", VISITS);

        CollectionResult result = collector.collect("440000", List.of(ftp.source()), 2, fixture.recorder());

        assertThat(result).isEqualTo(new CollectionResult(2, Map.of("DUPLICATE_FILE", 1, "RECEIVED", 1)));
        assertThat(fixture.submission("440100/440100_visits_2025-01_v2.csv"))
                .containsEntry("status", "DUPLICATE_FILE").containsEntry("version", 2);
        assertThat(fixture.submission("440103/440103_visits_2025-01.csv")).containsEntry("status", "RECEIVED");
        List<Map<String, Object>> rejections = fixture.rejections();
        assertThat(rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection).containsEntry("code", "DUPLICATE_FILE").containsEntry("row_no", null)
                    .containsEntry("remote_path", "440100/440100_visits_2025-01_v2.csv");
            assertThat((String) rejection.get("message")).contains("440100_visits_2025-01.csv")
                    .containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}").contains("完全相同");
        });
    }

    @Test
    void rejectsFilesWhoseNameBreaksTheRuleOrThatLieOutsideASubmitterDirectory() {
        write(ftpRoot, "440100/一月慰问名单.xlsx", VISITS);
        write(ftpRoot, "440100_visits_2025-01.csv", VISITS);

        CollectionResult result = collector.collect("440000", List.of(ftp.source()), 3, fixture.recorder());

        assertThat(result).isEqualTo(new CollectionResult(2, Map.of("NAME_INVALID", 2)));
        assertThat(fixture.submission("440100/一月慰问名单.xlsx")).containsEntry("status", "NAME_INVALID")
                .containsEntry("submitter", "440100").containsEntry("dataset", null).containsEntry("period", null)
                .containsEntry("province", "440000");
        assertThat(fixture.submission("440100_visits_2025-01.csv")).containsEntry("status", "NAME_INVALID")
                .containsEntry("submitter", "").containsEntry("province", null);
        assertThat(fixture.rejections())
                .extracting(r -> r.get("remote_path"), r -> r.get("code"), r -> r.get("message"))
                .containsExactlyInAnyOrder(
                        tuple("440100/一月慰问名单.xlsx", "NAME_INVALID",
                                "文件名“一月慰问名单.xlsx”不符合规范：应为 <报送单位代码>_<数据集>_<年-月>[_v<版本>]."
                                        + "<csv|xlsx|xls>，例如 440103_visits_2025-01.csv；数据集为 visits、subsidies、"
                                        + "contracts、enterprise_counts、welfare 之一。请按规范重命名后重新上传。"),
                        tuple("440100_visits_2025-01.csv", "NAME_INVALID",
                                "文件“440100_visits_2025-01.csv”不在报送单位目录中：请上传到以本单位区划代码命名的目录，"
                                        + "例如 /440103/440103_visits_2025-01.csv。"));
    }

    @Test
    void suggestsTheRightNameForABrowsersDownloadCopy() {
        write(ftpRoot, "440103/440103_visits_2025-01 (1).xlsx", VISITS);

        collector.collect("440000", List.of(ftp.source()), 3, fixture.recorder());

        assertThat(fixture.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection).containsEntry("code", "NAME_INVALID");
            assertThat((String) rejection.get("message")).startsWith("文件名“440103_visits_2025-01 (1).xlsx”不符合规范")
                    .endsWith("请按规范重命名后重新上传。按文件名推测，应命名为“440103_visits_2025-01_v2.xlsx”。");
        });
    }

    @Test
    void rejectsAFileWhoseNameNamesAnotherSubmitterThanItsDirectory() {
        write(ftpRoot, "440103/440100_visits_2025-01.csv", VISITS);

        collector.collect("440000", List.of(ftp.source()), 4, fixture.recorder());

        assertThat(fixture.submission("440103/440100_visits_2025-01.csv")).containsEntry("status", "SUBMITTER_MISMATCH")
                .containsEntry("submitter", "440103").containsEntry("dataset", "visits");
        assertThat(fixture.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection).containsEntry("code", "SUBMITTER_MISMATCH");
            assertThat((String) rejection.get("message")).contains("440100", "/440103/", "440103_visits_2025-01.csv");
        });
    }

    @Test
    void ignoresTheFeedbackDirectories() {
        write(ftpRoot, "440100/feedback/440100-2025-01.xlsx", binaryContent(100, 2));
        write(ftpRoot, "440100/feedback/2024/440100_visits_2024-12.csv", VISITS);
        write(ftpRoot, "440100/440100_welfare_2025-01.csv", VISITS);

        CollectionResult result = collector.collect("440000", List.of(ftp.source()), 5, fixture.recorder());

        assertThat(result.filesReceived()).isEqualTo(1);
        assertThat(fixture.submissions()).extracting(s -> s.get("remote_path"))
                .containsExactly("440100/440100_welfare_2025-01.csv");
    }

    @Test
    void keepsBinaryContentByteForByte() throws IOException {
        byte[] workbook = binaryContent(300_000, 3);
        write(ftpRoot, "440103/440103_contracts_2025-01.xlsx", workbook);

        collector.collect("440000", List.of(ftp.source()), 6, fixture.recorder());

        Map<String, Object> submission = fixture.submission("440103/440103_contracts_2025-01.xlsx");
        assertThat(submission).containsEntry("sha256", sha256(workbook))
                .containsEntry("size_bytes", (long) workbook.length);
        assertThat(Files.readAllBytes(home.root().resolve((String) submission.get("archive_path"))))
                .isEqualTo(workbook);
    }

    @Test
    void failsNamingTheMaskedSourceWhenTheServerRefusesTheLogin(CapturedOutput output) {
        SourceLocation source = new SourceLocation(SourceLocation.Scheme.FTP, "127.0.0.1", ftp.source().port(),
                FtpTestServer.USER, "Wrong-s3cret", "");

        assertThatExceptionOfType(SourceUnavailableException.class)
                .isThrownBy(() -> collector.collect("440000", List.of(source), 9, fixture.recorder()))
                .withMessage("无法从 " + source.masked() + " 收取文件：登录被拒绝：用户名或密码不对");
        assertThat(output.getAll()).doesNotContain("Wrong-s3cret");
    }

    @Test
    void logsEachFileWithTheMaskedSourceAndNeverThePassword(CapturedOutput output) {
        write(ftpRoot, "440100/440100_visits_2025-01.csv", VISITS);

        collector.collect("440000", List.of(ftp.source()), 8, fixture.recorder());

        assertThat(output.getAll()).contains("Received " + ftp.source().masked()
                + " 440100/440100_visits_2025-01.csv").contains("RECEIVED")
                .doesNotContain(FtpTestServer.PASSWORD).doesNotContain(ftp.source().password());
    }
}
