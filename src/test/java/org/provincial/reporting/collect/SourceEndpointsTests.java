package org.provincial.reporting.collect;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.remote.FtpEndpoint;
import org.apache.camel.component.file.remote.FtpsEndpoint;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SourceEndpointsTests {

    private static final CollectProperties PROPERTIES = new CollectProperties(Duration.ofMillis(250),
            Duration.ofSeconds(5), 2, Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofMillis(500),
            Duration.ofMinutes(1), "UTF-8");

    private static final HostKeys HOST_KEYS = new HostKeys(Path.of("/etc/reporting/known_hosts"), false);

    private final SSLContextParameters tls = new SSLContextParameters();

    private CamelContext camel;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("repository", MemoryIdempotentRepository.memoryIdempotentRepository());
        camel.getRegistry().bind(ServerCertificates.CAMEL_TLS, tls);
        camel.start();
    }

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void buildsAnFtpsEndpointInExplicitModeWithTheRawPasswordThatVerifiesTheCertificateAndProtectsTheData() {
        SourceLocation source = SourceLocation.parse("ftps://collector:a%26b%2Bc%29d@ftp.example.org:990/in");

        FtpsEndpoint endpoint = endpoint(source, FtpsEndpoint.class);

        assertThat(endpoint.getFtpsConfiguration().isImplicit()).isFalse();
        assertThat(endpoint.getSslContextParameters()).isSameAs(tls);
        assertThat(endpoint.getFtpClientParameters()).containsEntry("endpointCheckingEnabled", "true");
        assertThat(endpoint.getFtpsConfiguration().getExecPbsz()).isZero();
        assertThat(endpoint.getFtpsConfiguration().getExecProt()).isEqualTo("P");
        assertThat(endpoint.getConfiguration().getUsername()).isEqualTo("collector");
        assertThat(endpoint.getConfiguration().getPassword()).isEqualTo("a&b+c)d");
        assertThat(endpoint.getConfiguration().getHost()).isEqualTo("ftp.example.org");
        assertThat(endpoint.getConfiguration().getPort()).isEqualTo(990);
        assertThat(endpoint.getConfiguration().isPassiveMode()).isTrue();
        assertReadsOnlyStableFilesOnce(endpoint);
    }

    @Test
    void passesALoginHoldingPercentSignsAsItIs() {
        SourceLocation source = SourceLocation.parse("sftp://host/in").withLogin("u%25", "p%25q%20r%");

        SftpEndpoint endpoint = endpoint(source, SftpEndpoint.class);

        assertThat(endpoint.getConfiguration().getUsername()).isEqualTo("u%25");
        assertThat(endpoint.getConfiguration().getPassword()).isEqualTo("p%25q%20r%");
    }

    @Test
    void buildsAnFtpsEndpointInImplicitModeWhenTheSourceAsksForIt() {
        FtpsEndpoint endpoint = endpoint(SourceLocation.parse("ftps://u:p@host/in?implicit=true"), FtpsEndpoint.class);

        assertThat(endpoint.getFtpsConfiguration().isImplicit()).isTrue();
        assertThat(endpoint.getConfiguration().getPort()).isEqualTo(990);
        assertThat(endpoint.getConfiguration().getDirectory()).isEqualTo("in");
        assertThat(endpoint.getSslContextParameters()).isSameAs(tls);
    }

    @Test
    void buildsAnFtpEndpointThatStreamsInBinaryAndFailsWhenUnreachable() {
        FtpEndpoint<?> endpoint = endpoint(SourceLocation.parse("ftp://u:p@host/"), FtpEndpoint.class);

        assertThat(endpoint.getConfiguration().isBinary()).isTrue();
        assertThat(endpoint.getConfiguration().isPassiveMode()).isTrue();
        assertThat(endpoint.getConfiguration().isStreamDownload()).isTrue();
        assertThat(endpoint.getConfiguration().isStepwise()).isFalse();
        assertThat(endpoint.isDownload()).isTrue();
        assertThat(endpoint.getConfiguration().isThrowExceptionOnConnectFailed()).isTrue();
        assertThat(endpoint.getMaximumReconnectAttempts()).isEqualTo(2);
        assertThat(endpoint.isBridgeErrorHandler()).isTrue();
        assertReadsOnlyStableFilesOnce(endpoint);
    }

    @Test
    void buildsAnSftpEndpointThatChecksTheHostKeyStrictlyAgainstTheKnownHostsFile() {
        SftpEndpoint endpoint = endpoint(SourceLocation.parse("sftp://u:p@host:2222/"), SftpEndpoint.class);

        assertThat(endpoint.getConfiguration().getStrictHostKeyChecking()).isEqualTo("yes");
        assertThat(endpoint.getConfiguration().getKnownHostsFile()).isEqualTo("/etc/reporting/known_hosts");
        assertThat(endpoint.getConfiguration().isUseUserKnownHostsFile()).isFalse();
        assertReadsOnlyStableFilesOnce(endpoint);
    }

    @Test
    void buildsAFileEndpointThatWritesNothingIntoTheDirectory(@TempDir Path dir) {
        FileEndpoint endpoint = endpoint(SourceLocation.parse(dir.toString()), FileEndpoint.class);

        assertThat(endpoint.getFile()).isEqualTo(dir.toFile());
        assertThat(endpoint.isAutoCreate()).isFalse();
        assertThat(endpoint.isStartingDirectoryMustExist()).isTrue();
        assertThat(endpoint.isReadLockMarkerFile()).isFalse();
        assertReadsOnlyStableFilesOnce(endpoint);
    }

    private static void assertReadsOnlyStableFilesOnce(GenericFileEndpoint<?> endpoint) {
        assertThat(endpoint.isNoop()).isTrue();
        assertThat(endpoint.isRecursive()).isTrue();
        assertThat(endpoint.isIdempotentEager()).isFalse();
        assertThat(endpoint.getIdempotentRepository()).isNotNull();
        assertThat(endpoint.getIdempotentKey()).hasToString("${file:name}-${file:size}-${file:modified}");
        // StableFiles, the route's filter, judges completeness from the polls' listings: no read lock on top
        assertThat(endpoint.getReadLock()).isEqualTo("none");
        assertThat(endpoint.getAntExclude()).isEqualTo("**/feedback/**");
        assertThat(endpoint.isSendEmptyMessageWhenIdle()).isTrue();
    }

    private <T> T endpoint(SourceLocation source, Class<T> type) {
        String uri = new SourceEndpoints(PROPERTIES, HOST_KEYS).collectUri(source) + "&idempotentRepository=#repository";
        return type.cast(camel.getEndpoint(uri));
    }
}
