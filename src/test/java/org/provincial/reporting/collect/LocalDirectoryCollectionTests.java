package org.provincial.reporting.collect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.provincial.reporting.collect.CollectionFixture.write;

@ReportingTest
class LocalDirectoryCollectionTests {

    @Autowired
    SubmissionCollector collector;

    @Autowired
    JdbcTemplate jdbc;

    CollectionFixture fixture;

    @BeforeEach
    void startClean() {
        fixture = new CollectionFixture(jdbc);
    }

    @Test
    void collectsFromALocalDirectoryWithoutChangingIt(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("uploads 2025");
        byte[] content = "行政区划代码,应建制企业数\n440103,120\n".getBytes(StandardCharsets.UTF_8);
        write(dir, "440103/440103_enterprise_counts_2025-01.CSV", content);
        write(dir, "440103/feedback/440103-2025-01.xlsx", content);
        write(dir, "440100/README.txt", content);
        List<Path> before = list(dir);
        SourceLocation source = SourceLocation.parse(dir.toString());

        CollectionResult first = collector.collect("440000", List.of(source), 31, fixture.recorder());
        CollectionResult second = collector.collect("440000", List.of(SourceLocation.parse(dir.toUri().toString())), 32,
                fixture.recorder());

        assertThat(first).isEqualTo(new CollectionResult(2, Map.of("RECEIVED", 1, "NAME_INVALID", 1)));
        assertThat(second.filesReceived()).isZero();
        assertThat(fixture.submission("440103/440103_enterprise_counts_2025-01.CSV"))
                .containsEntry("source", source.masked()).containsEntry("dataset", "enterprise_counts")
                .containsEntry("format", "csv").containsEntry("status", "RECEIVED");
        assertThat(fixture.submission("440100/README.txt")).containsEntry("status", "NAME_INVALID");
        assertThat(list(dir)).isEqualTo(before);
    }

    @Test
    void readsAFileOnlyOnceItHasStoppedGrowing(@TempDir Path dir) throws Exception {
        Path file = write(dir, "440100/440100_visits_2025-03.csv", "行政区划代码,身份证号\n".getBytes(StandardCharsets.UTF_8));
        byte[] line = "440100,11010519491231002X\n".getBytes(StandardCharsets.UTF_8);
        Thread uploader = CollectionFixture.growing(file, line);

        collector.collect("440000", List.of(SourceLocation.parse(dir.toString())), 33, fixture.recorder());
        uploader.join();

        assertThat(fixture.submission("440100/440100_visits_2025-03.csv"))
                .containsEntry("sha256", CollectionFixture.sha256(Files.readAllBytes(file)));
    }

    @Test
    void leavesAFileWhoseRegistrationFailedForTheNextCollection(@TempDir Path dir) {
        write(dir, "440103/440103_welfare_2025-04.csv", "x".getBytes(StandardCharsets.UTF_8));
        SourceLocation source = SourceLocation.parse(dir.toString());
        jdbc.execute("alter table submission add constraint collect_test_refuses check (period <> '2025-04')"
                + " not valid");
        try {
            assertThatIllegalStateException()
                    .isThrownBy(() -> collector.collect("440000", List.of(source), 34, fixture.recorder()))
                    .withMessageStartingWith("无法登记来自 " + source.masked()
                            + " 的文件 440103/440103_welfare_2025-04.csv：");
        }
        finally {
            jdbc.execute("alter table submission drop constraint collect_test_refuses");
        }
        assertThat(fixture.collectedKeys()).isEmpty();

        CollectionResult retried = collector.collect("440000", List.of(source), 35, fixture.recorder());

        assertThat(retried).isEqualTo(new CollectionResult(1, Map.of("RECEIVED", 1)));
        assertThat(fixture.collectedKeys()).singleElement().asString()
                .startsWith("440103/440103_welfare_2025-04.csv-1-");
    }

    @Test
    void registersNoFileOfABatchWhoseRegistrationFailedAndEveryOneOnTheNextCollection(@TempDir Path dir) {
        List<String> paths = List.of("440103/440103_visits_2025-06.csv", "440104/440104_welfare_2025-04.csv",
                "440105/440105_visits_2025-06.csv");
        for (String path : paths) {
            write(dir, path, path.getBytes(StandardCharsets.UTF_8));
        }
        SourceLocation source = SourceLocation.parse(dir.toString());
        // the second file's registration fails after the first one's, in the same batch
        jdbc.execute("alter table submission add constraint collect_test_refuses check (period <> '2025-04')"
                + " not valid");
        try {
            assertThatIllegalStateException()
                    .isThrownBy(() -> collector.collect("440000", List.of(source), 36, fixture.recorder()))
                    .withMessageStartingWith("无法登记来自 " + source.masked() + " 的文件 ");
        }
        finally {
            jdbc.execute("alter table submission drop constraint collect_test_refuses");
        }
        assertThat(fixture.submissions()).as("the batch is one transaction").isEmpty();
        assertThat(fixture.collectedKeys()).isEmpty();

        CollectionResult retried = collector.collect("440000", List.of(source), 37, fixture.recorder());

        assertThat(retried).isEqualTo(new CollectionResult(paths.size(), Map.of("RECEIVED", paths.size())));
        assertThat(fixture.submissions()).extracting(submission -> submission.get("remote_path"))
                .containsExactlyInAnyOrderElementsOf(paths);
        assertThat(fixture.collectedKeys()).hasSize(paths.size());
        for (String path : paths) {
            assertThat(fixture.submission(path)).containsEntry("sha256",
                    CollectionFixture.sha256(path.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.sorted().toList();
        }
    }
}
