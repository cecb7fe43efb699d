package org.provincial.reporting.collect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.storage.ReportingHome;

import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.collect.CollectionFixture.binaryContent;
import static org.provincial.reporting.collect.CollectionFixture.sha256;
import static org.provincial.reporting.collect.CollectionFixture.write;

@ReportingTest
class SftpCollectionTests {

    @TempDir
    static Path sftpRoot;

    @TempDir
    static Path keys;

    static TestSftpServer sftp;

    @Autowired
    SubmissionCollector collector;

    @Autowired
    SourceTrust trust;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReportingHome home;

    CollectionFixture fixture;

    @BeforeAll
    static void startServer() throws Exception {
        sftp = TestSftpServer.start(sftpRoot, keys.resolve("host.key"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        sftp.close();
    }

    @BeforeEach
    void startClean() {
        // the server's key, accepted as `sources trust` does: the collector refuses an unknown host
        trust.trust("127.0.0.1", sftp.source().port());
        CollectionFixture.deleteChildren(sftpRoot);
        fixture = new CollectionFixture(jdbc);
    }

    @Test
    void collectsEveryNewFileFromAnSftpServerOnce() throws Exception {
        byte[] workbook = binaryContent(200_000, 11);
        byte[] csv = "行政区划代码,凭证号\r\n440103,PZ-001\r\n".getBytes(StandardCharsets.UTF_8);
        write(sftpRoot, "440103/440103_welfare_2025-01_v3.xlsx", workbook);
        write(sftpRoot, "440100/440100_contracts_2025-01.csv", csv);
        write(sftpRoot, "440100/feedback/440100-2025-01.xlsx", csv);
        write(sftpRoot, "440103/440100_visits_2025-01.csv", csv);

        CollectionResult first = collector.collect("440000", List.of(sftp.source()), 21, fixture.recorder());
        CollectionResult second = collector.collect("440000", List.of(sftp.source()), 22, fixture.recorder());

        assertThat(first).isEqualTo(new CollectionResult(3, Map.of("RECEIVED", 2, "SUBMITTER_MISMATCH", 1)));
        assertThat(second.filesReceived()).isZero();
        Map<String, Object> welfare = fixture.submission("440103/440103_welfare_2025-01_v3.xlsx");
        assertThat(welfare).containsEntry("source", sftp.source().masked()).containsEntry("dataset", "welfare")
                .containsEntry("version", 3).containsEntry("format", "xlsx").containsEntry("province", "440000")
                .containsEntry("sha256", sha256(workbook)).containsEntry("status", "RECEIVED");
        assertThat(Files.readAllBytes(home.root().resolve((String) welfare.get("archive_path")))).isEqualTo(workbook);
        assertThat(fixture.submission("440100/440100_contracts_2025-01.csv")).containsEntry("status", "RECEIVED");
        assertThat(fixture.rejections()).extracting(r -> r.get("code")).containsExactly("SUBMITTER_MISMATCH");
        assertThat(sftp.source().masked()).doesNotContain(TestSftpServer.PASSWORD);
    }
}
