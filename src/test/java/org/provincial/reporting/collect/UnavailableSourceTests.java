package org.provincial.reporting.collect;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.provincial.reporting.collect.CollectionFixture.write;

@ReportingTest
@ExtendWith(OutputCaptureExtension.class)
class UnavailableSourceTests {

    private static final String PASSWORD = "Unreachable-s3cret";

    @Autowired
    SubmissionCollector collector;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    CollectionFixture fixture;

    @BeforeEach
    void startClean() {
        fixture = new CollectionFixture(jdbc);
    }

    @Test
    void failsNamingTheMaskedFtpSourceWhenNobodyListens(CapturedOutput output) throws IOException {
        SourceLocation source = SourceLocation.parse("ftp://collector:" + PASSWORD + "@127.0.0.1:" + closedPort()
                + "/");

        SourceUnavailableException failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> catchUnavailable(source));

        assertThat(failure.getMessage()).startsWith("无法从 " + source.masked() + " 收取文件：")
                .doesNotContain(PASSWORD);
        assertThat(output.getAll()).doesNotContain(PASSWORD);
        assertThat(camel.getRoutes()).noneMatch(route -> route.getRouteId().startsWith("collect-"));
        assertThat(camel.getEndpoints()).noneMatch(endpoint -> endpoint.getEndpointUri().contains("127.0.0.1"));
    }

    @Test
    void failsNamingTheMaskedSftpSourceWhenNobodyListens(CapturedOutput output) throws IOException {
        SourceLocation source = SourceLocation.parse("sftp://collector:" + PASSWORD + "@127.0.0.1:" + closedPort()
                + "/");

        SourceUnavailableException failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> catchUnavailable(source));

        assertThat(failure.getMessage()).contains(source.masked()).doesNotContain(PASSWORD);
        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Test
    void failsWhenALocalDirectoryIsMissingAndCollectsItOnceItExists(@TempDir Path parent) {
        Path dir = parent.resolve("missing");
        SourceLocation source = SourceLocation.parse(dir.toString());

        SourceUnavailableException failure = catchUnavailable(source);
        write(dir, "440100/440100_visits_2025-01.csv", "x".getBytes(StandardCharsets.UTF_8));
        CollectionResult result = collector.collect("440000", List.of(source), 42, fixture.recorder());

        assertThat(failure.getMessage()).startsWith("无法从 " + source.masked() + " 收取文件：");
        assertThat(result.filesReceived()).isEqualTo(1);
    }

    @Test
    void stillRegistersWhatTheReachableSourcesHoldWhenAnotherFails(@TempDir Path dir) throws IOException {
        write(dir, "440103/440103_visits_2025-02.csv", "y".getBytes(StandardCharsets.UTF_8));
        SourceLocation down = SourceLocation.parse("ftp://collector:" + PASSWORD + "@127.0.0.1:" + closedPort() + "/");

        assertThatExceptionOfType(SourceUnavailableException.class)
                .isThrownBy(() -> collector.collect("440000", List.of(down, SourceLocation.parse(dir.toString())), 43,
                        fixture.recorder()))
                .withMessageContaining(down.masked());

        assertThat(fixture.submissions()).extracting(s -> s.get("remote_path"))
                .containsExactly("440103/440103_visits_2025-02.csv");
    }

    private SourceUnavailableException catchUnavailable(SourceLocation source) {
        try {
            collector.collect("440000", List.of(source), 41, fixture.recorder());
        }
        catch (SourceUnavailableException e) {
            return e;
        }
        throw new AssertionError("collect did not fail for " + source.masked());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
