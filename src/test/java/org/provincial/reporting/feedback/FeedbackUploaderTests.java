package org.provincial.reporting.feedback;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileExist;
import org.apache.camel.component.file.remote.FtpEndpoint;
import org.apache.camel.component.file.remote.FtpsEndpoint;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.CollectProperties;
import org.provincial.reporting.collect.HostKeys;
import org.provincial.reporting.collect.ServerCertificates;
import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceEndpoints;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SourceTrust;
import org.provincial.reporting.collect.TestSftpServer;
import org.provincial.reporting.collect.TrustProperties;
import org.provincial.reporting.feedback.FeedbackUploader.UploadFailedException;
import org.provincial.reporting.reference.DisplayZone;
import org.provincial.reporting.reference.Texts;
import org.provincial.reporting.support.FtpTestServer;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackUploaderTests {

    private static final String PASSWORD = "s3cr&t+p@ss:w/rd";

    private final SourceCredentials credentials = new SourceCredentials();
    private final CollectProperties properties = new CollectProperties(Duration.ofSeconds(2),
            Duration.ofSeconds(60), 0, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofHours(6), "UTF-8");
    private final ServerCertificates certificates = new ServerCertificates(
            new TrustProperties(null, false, null, null), new DisplayZone(DisplayZone.DEFAULT.getId()));
    private HostKeys hostKeys;
    private SourceTrust trust;
    private SourceEndpoints endpoints;
    private CamelContext camel;
    private FeedbackUploader uploader;

    @BeforeEach
    void startCamel(@TempDir Path knownHosts) {
        hostKeys = new HostKeys(knownHosts.resolve("known_hosts"), false);
        trust = new SourceTrust(hostKeys, certificates, properties);
        endpoints = new SourceEndpoints(properties, hostKeys);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind(ServerCertificates.CAMEL_TLS, certificates.collectTls());
        camel.start();
        uploader = new FeedbackUploader(camel, credentials, endpoints, trust, Texts.fromBundle());
    }

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void copiesIntoTheSubmittersFeedbackDirectoryOfALocalSource(@TempDir Path temp) throws IOException {
        Path source = Files.createDirectories(temp.resolve("source"));
        Path feedback = Files.createDirectories(source.resolve("650102/feedback"));
        Files.writeString(feedback.resolve("650102-2035-01.xlsx"), "the earlier feedback");
        Path workbook = Files.writeString(temp.resolve("650102-2035-01.xlsx"), "the feedback");
        Path annotated = Files.writeString(temp.resolve("650102-2035-01-650102_visits_2035-01-批注.xlsx"), "marked");

        uploader.upload(SourceLocation.parse(source.toString()).masked(), "650102", List.of(workbook, annotated));

        assertThat(feedback.resolve("650102-2035-01.xlsx")).hasContent("the feedback");
        assertThat(feedback.resolve("650102-2035-01-650102_visits_2035-01-批注.xlsx")).hasContent("marked");
        try (Stream<Path> files = Files.list(feedback)) {
            assertThat(files).hasSize(2);
        }
        assertThat(camel.getEndpoints()).isEmpty();
    }

    @Test
    void deletesFilesFromFtpAndSftpServersOnceTrustedCountingAFileAlreadyGoneAsDeleted(@TempDir Path temp) throws IOException {
        Path workbook = Files.writeString(temp.resolve("650102-2035-01.xlsx"), "the feedback");
        Path annotated = Files.writeString(temp.resolve("650102-2035-01-650102_visits_2035-01-批注.xlsx"), "marked");
        String copy = "650102/feedback/" + annotated.getFileName();
        try (FtpTestServer ftp = FtpTestServer.start(temp.resolve("ftp"));
                TestSftpServer sftp = TestSftpServer.start(Files.createDirectories(temp.resolve("sftp")),
                        temp.resolve("host.key"))) {
            credentials.remember(List.of(ftp.source(), sftp.source()));
            // a server whose host key is not recorded gets neither files nor deletions
            assertThatThrownBy(() -> uploader.upload(sftp.source().masked(), "650102", List.of(workbook)))
                    .isInstanceOfSatisfying(UploadFailedException.class, e -> {
                        assertThat(e.getMessage()).contains("SFTP 服务器 127.0.0.1:" + sftp.source().port()
                                + " 的主机密钥尚未登记").doesNotContain(TestSftpServer.PASSWORD);
                        assertThat(e.sourceUnusable()).isTrue();
                    });
            assertThat(uploader.delete(sftp.source().masked(), List.of(copy))).hasEntrySatisfying(copy,
                    reason -> assertThat(reason).contains("is not a known host"));
            assertThat(temp.resolve("sftp/650102")).doesNotExist();
            trust.trust("127.0.0.1", sftp.source().port());

            for (SourceLocation source : List.of(ftp.source(), sftp.source())) {
                uploader.upload(source.masked(), "650102", List.of(workbook, annotated));
            }
            assertThat(temp.resolve("sftp/" + copy)).hasContent("marked");

            for (SourceLocation source : List.of(ftp.source(), sftp.source())) {
                assertThat(uploader.delete(source.masked(), List.of(copy, "650102/feedback/gone-批注.xlsx",
                        "650103/feedback/never-批注.xlsx"))).as("%s", source).isEmpty();
            }

            for (Path root : List.of(temp.resolve("ftp"), temp.resolve("sftp"))) {
                assertThat(root.resolve(copy)).doesNotExist();
                assertThat(root.resolve("650102/feedback/650102-2035-01.xlsx")).hasContent("the feedback");
            }
            assertThat(camel.getEndpoints()).isEmpty();
        }
    }

    @Test
    void keepsEveryFileToDeleteWithTheReasonWhenTheServerIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SourceLocation source = SourceLocation.parse("ftp://collector:"
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + closedPort + "/");
        credentials.remember(List.of(source));
        SourceLocation unknown = SourceLocation.parse("ftp://other:"
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + closedPort + "/");

        assertThat(uploader.delete(source.masked(), List.of("650102/feedback/a-批注.xlsx", "650103/feedback/b-批注.xlsx")))
                .containsOnlyKeys("650102/feedback/a-批注.xlsx", "650103/feedback/b-批注.xlsx")
                .allSatisfy((path, reason) -> assertThat(reason)
                        .isEqualTo("连接被拒绝：服务器没有在这个端口上接受连接，请确认服务器已启动、地址和端口正确"));
        assertThat(uploader.delete(unknown.masked(), List.of("650102/feedback/a-批注.xlsx")))
                .containsEntry("650102/feedback/a-批注.xlsx", "本进程不知道 " + unknown.masked()
                        + " 的密码：请用 --source 再给出这个来源，或在 jobs/ 中配置它");
        assertThat(camel.getEndpoints()).isEmpty();
    }

    @Test
    void failsWithoutShowingThePasswordWhenTheServerIsUnreachable(@TempDir Path temp) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String encoded = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        SourceLocation source = SourceLocation.parse("ftp://collector:" + encoded + "@127.0.0.1:" + closedPort + "/");
        credentials.remember(List.of(source));
        Path workbook = Files.writeString(temp.resolve("650102-2035-01.xlsx"), "the feedback");

        assertThatThrownBy(() -> uploader.upload(source.masked(), "650102", List.of(workbook)))
                .isInstanceOfSatisfying(UploadFailedException.class, e -> {
                    assertThat(e.getMessage()).isNotBlank().doesNotContain(PASSWORD).doesNotContain(encoded);
                    assertThat(e.getCause()).isNull();
                    assertThat(e.sourceUnusable()).isTrue();
                });
        assertThat(camel.getEndpoints()).isEmpty();
    }

    @Test
    void failsWhenThePasswordOfTheSourceIsUnknown(@TempDir Path temp) throws IOException {
        Path workbook = Files.writeString(temp.resolve("650102-2035-01.xlsx"), "the feedback");

        assertThatThrownBy(() -> uploader.upload("ftp://collector:***@ftp.example.org:21/", "650102",
                List.of(workbook)))
                .isInstanceOfSatisfying(UploadFailedException.class, e -> {
                    assertThat(e.getMessage()).contains("ftp://collector:***@ftp.example.org:21/");
                    assertThat(e.sourceUnusable()).isTrue();
                });
    }

    @Test
    void buildsServerEndpointsThatReplaceAFileOnlyOnceTheNewOneIsComplete() {
        FtpEndpoint<?> ftp = endpoint("ftp://u:p%29w@host:2121/in", FtpEndpoint.class);
        FtpsEndpoint ftps = endpoint("ftps://u:p@host/", FtpsEndpoint.class);
        SftpEndpoint sftp = endpoint("sftp://u:p@host/", SftpEndpoint.class);

        for (RemoteFileEndpoint<?> endpoint : List.<RemoteFileEndpoint<?>>of(ftp, ftps, sftp)) {
            assertThat(endpoint.getFileExist()).isEqualTo(GenericFileExist.Override);
            assertThat(endpoint.getTempPrefix()).isNotNull();
            assertThat(endpoint.isEagerDeleteTargetFile()).isFalse();
            assertThat(endpoint.isAutoCreate()).isTrue();
            assertThat(endpoint.getConfiguration().isBinary()).isTrue();
            assertThat(endpoint.getConfiguration().getDirectory()).endsWith("650102/feedback");
        }
        assertThat(ftp.getConfiguration().getDirectory()).isEqualTo("in/650102/feedback");
        assertThat(ftp.getConfiguration().getPassword()).isEqualTo("p)w");
        assertThat(ftp.getConfiguration().getPort()).isEqualTo(2121);
        assertThat(ftp.getConfiguration().isPassiveMode()).isTrue();
        assertThat(ftps.getConfiguration().isPassiveMode()).isTrue();
        assertThat(ftps.getFtpsConfiguration().isImplicit()).isFalse();
        assertThat(ftps.getSslContextParameters()).isNotNull();
        assertThat(ftps.getFtpsConfiguration().getExecProt()).isEqualTo("P");
        assertThat(sftp.getConfiguration().getStrictHostKeyChecking()).isEqualTo("yes");
        assertThat(sftp.getConfiguration().getKnownHostsFile()).isEqualTo(hostKeys.file().toString());
    }

    private <T> T endpoint(String url, Class<T> type) {
        String uri = endpoints.uploadUri(SourceLocation.parse(url), "650102/feedback");
        return type.cast(camel.getEndpoint(uri));
    }
}
