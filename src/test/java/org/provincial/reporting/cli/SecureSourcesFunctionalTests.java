package org.provincial.reporting.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.provincial.reporting.cli.CommandLineFunctionalTests.Invocation;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.LocalDaemon;
import org.provincial.reporting.support.OpenSshServer;
import org.provincial.reporting.support.SubmissionFiles;
import org.provincial.reporting.support.SystemProperties;
import org.provincial.reporting.support.TestCertificates;
import org.provincial.reporting.support.Vsftpd;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.HEADER_VISITS;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.P1;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.P2;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.PERIOD;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.PROVINCE;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/**
 * Runs against real daemons the tests start on free ports of 127.0.0.1: OpenSSH's sshd (host keys: unknown, trusted
 * on first use, changed, accepted with {@code sources trust}) and vsftpd with TLS (certificates trusted through the
 * trust store, or refused with the reason).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecureSourcesFunctionalTests {

    private static final String TRUST_NEW_HOSTS = "reporting.collect.trust-new-hosts";
    private static final String TRUST_STORE = "reporting.collect.trust-store";
    private static final String TRUST_STORE_PASSWORD = "reporting.collect.trust-store-password";

    private final SystemProperties properties = new SystemProperties();

    private Path root;

    @BeforeEach
    void shortenCollectionTimingsAndServeOneSubmission() {
        CommandLineFunctionalTests.FAST_COLLECTION.forEach(properties::set);
        root = LocalDaemon.accountDirectory("secure-source");
        // 银川市兴庆区: two visits (800.50 yuan) and a resident ID with a wrong check character
        SubmissionFiles.csv(root.resolve("640104/640104_visits_2025-01.csv"), rows(
                HEADER_VISITS,
                "640104," + P1 + ",张三,困难职工,2025-01-10,500.00",
                "640104," + P2 + ",李四,快递员,2025-01-11,300.50",
                "640104," + Ids.withWrongCheckCharacter(P2) + ",王五,劳动模范,2025-01-12,100.00"));
        LocalDaemon.giveToAccount(root);
    }

    @AfterEach
    void restorePropertiesAndRemoveTheFiles() {
        properties.restore();
        if (root != null) {
            LocalDaemon.delete(root);
        }
    }

    @Test
    void refusesAnUnknownSftpServerUntilItsKeyIsAcceptedWithSourcesTrust(@TempDir Path temp, CapturedOutput output) {
        Path home = temp.resolve("home");
        try (OpenSshServer sshd = OpenSshServer.start(temp, root)) {
            String trustCommand = "sources trust --host 127.0.0.1 --port " + sshd.port();

            Invocation refused = run(output, sshd.url(), temp, home);

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out()).containsPattern("Run \\d+ of 640000 2025-01: FAILED")
                    .contains("failed in step 'collect'")
                    .contains("SFTP 服务器 127.0.0.1:" + sshd.port() + " 的主机密钥尚未登记（ssh-ed25519 "
                            + sshd.fingerprint() + "），未连接，未发送密码")
                    .contains("is not a known host: it presents the key ssh-ed25519 " + sshd.fingerprint())
                    .contains("accept it with: java -jar target/provincial-reporting.jar " + trustCommand);
            assertThat(home.resolve("known_hosts")).doesNotExist();
            assertThat(sshd.log()).as("no login was tried").doesNotContain("Accepted password")
                    .doesNotContain("Failed password");

            Invocation trusted = Invocation.of(output, "sources", "trust", "--host", "127.0.0.1", "--port",
                    Integer.toString(sshd.port()), "--home", home.toString());

            assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
            assertThat(trusted.out()).contains("Recorded the host key of [127.0.0.1]:" + sshd.port() + " in "
                    + home.resolve("known_hosts").toAbsolutePath() + ": ssh-ed25519 " + sshd.fingerprint());
            assertThat(output.getAll()).contains("source.trust [127.0.0.1]:" + sshd.port() + " ssh-ed25519 "
                    + sshd.fingerprint());
            assertKnownHostsHolds(home, sshd);

            Invocation collected = run(output, sshd.url(), temp, home);

            assertExactFigures(collected);
            assertThat(root.resolve("640104/feedback/640104-2025-01.xlsx")).isNotEmptyFile();
        }
    }

    @Test
    void trustsAnSftpServerOnFirstUseWhenToldAndRefusesItsChangedKeyUntilAccepted(@TempDir Path temp,
            CapturedOutput output) {
        Path home = temp.resolve("home");
        properties.set(TRUST_NEW_HOSTS, "true");
        try (OpenSshServer sshd = OpenSshServer.start(temp, root)) {
            String firstFingerprint = sshd.fingerprint();

            Invocation first = run(output, sshd.url(), temp, home);

            assertExactFigures(first);
            assertKnownHostsHolds(home, sshd);
            assertThat(output.getAll()).contains("Trusted on first use: recorded the host key of [127.0.0.1]:"
                    + sshd.port()).contains(": ssh-ed25519 " + firstFingerprint);

            sshd.replaceHostKey();
            Invocation refused = run(output, sshd.url(), temp, home);

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out()).contains("failed in step 'collect'")
                    .contains("SFTP 服务器 127.0.0.1:" + sshd.port() + " 的主机密钥与登记的不同（登记的 ssh-ed25519 "
                            + firstFingerprint + "，现在的 ssh-ed25519 " + sshd.fingerprint() + "）")
                    .contains("has changed: " + home.resolve("known_hosts").toAbsolutePath() + " records ssh-ed25519 "
                            + firstFingerprint + ", the server presents ssh-ed25519 " + sshd.fingerprint())
                    .contains("accept the new key with: java -jar target/provincial-reporting.jar sources trust"
                            + " --host 127.0.0.1 --port " + sshd.port());

            Invocation trusted = Invocation.of(output, "sources", "trust", "--host", "127.0.0.1", "--port",
                    Integer.toString(sshd.port()), "--home", home.toString());

            assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
            assertThat(trusted.out()).contains("ssh-ed25519 " + sshd.fingerprint() + " (replaces ssh-ed25519 "
                    + firstFingerprint + ")");
            assertKnownHostsHolds(home, sshd);

            Invocation again = run(output, sshd.url(), temp, home);

            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.out()).contains("files    received 0, counted 1, rejected 0");
        }
    }

    @ParameterizedTest(name = "implicit TLS: {0}")
    @ValueSource(booleans = { false, true })
    void collectsExactFiguresAndUploadsFeedbackOverTlsTrustedThroughTheTrustStore(boolean implicitTls,
            @TempDir Path temp, CapturedOutput output) {
        TestCertificates certificates = TestCertificates.authority(temp);
        trustStore(certificates);
        try (Vsftpd vsftpd = Vsftpd.start(temp, root, certificates.issued("server", "ip:127.0.0.1", null, 30),
                implicitTls)) {

            Invocation run = run(output, vsftpd.url(), temp, temp.resolve("home"));

            assertExactFigures(run);
            assertThat(root.resolve("640104/feedback/640104-2025-01.xlsx")).isNotEmptyFile();
            assertThat(vsftpd.log()).contains("\"PROT P\"").contains("OK DOWNLOAD").contains("OK UPLOAD");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("untrustedCertificates")
    void refusesAnFtpsServerWhoseCertificateDoesNotVerifyNamingTheServerAndTheReason(String reason,
            boolean withTrustStore, String chinese, String english, @TempDir Path temp, CapturedOutput output) {
        TestCertificates certificates = TestCertificates.authority(temp);
        if (withTrustStore) {
            trustStore(certificates);
        }
        TestCertificates.Served served = switch (reason) {
            case "expired" -> certificates.issued("server", "ip:127.0.0.1", "-3d", 1);
            case "name mismatch" -> certificates.issued("files.example.org", "dns:files.example.org", null, 30);
            case "self-signed" -> certificates.selfSigned("server", "ip:127.0.0.1");
            default -> certificates.issued("server", "ip:127.0.0.1", null, 30);
        };
        try (Vsftpd vsftpd = Vsftpd.start(temp, root, served, false)) {

            Invocation run = run(output, vsftpd.url(), temp, temp.resolve("home"));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out()).contains("failed in step 'collect'")
                    .contains("FTPS 服务器 127.0.0.1:" + vsftpd.port() + " 的证书未通过验证（" + chinese + "），未连接，未发送密码。")
                    .contains("The FTPS server 127.0.0.1:" + vsftpd.port() + " (ftps://" + LocalDaemon.ACCOUNT
                            + ":***@127.0.0.1:" + vsftpd.port() + "/) was refused: " + english);
            assertThat(root.resolve("640104/feedback")).doesNotExist();
            assertThat(output.getAll()).doesNotContain(LocalDaemon.PASSWORD);
        }
    }

    static Stream<Arguments> untrustedCertificates() {
        return Stream.of(
                Arguments.of("issued by an authority the JVM does not know", false, "证书的签发者不受信任",
                        "unknown issuer: CN=Test Provincial CA is not trusted by the JVM's default trusted"
                                + " authorities (REPORTING_COLLECT_TRUST_STORE is not set)"),
                Arguments.of("self-signed", true, "证书的签发者不受信任", "unknown issuer: CN=server is not trusted by"
                        + " the trust store "),
                Arguments.of("expired", true, "证书已过期", "the certificate expired on "),
                Arguments.of("name mismatch", true, "证书中的名称与服务器地址 127.0.0.1 不符",
                        "name mismatch: the certificate of CN=files.example.org is not issued for 127.0.0.1"));
    }

    private static Invocation run(CapturedOutput output, String source, Path temp, Path home) {
        return Invocation.of(output, "run", "--province", PROVINCE, "--period", PERIOD, "--source", source,
                "--out", temp.resolve("out").toString(), "--home", home.toString());
    }

    /** Two visits of 兴庆区 accepted, the third rejected for its resident ID: the figures of the file, exactly. */
    private static void assertExactFigures(Invocation run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                .contains("files    received 1, counted 1, rejected 0")
                .contains("rows     accepted 2, rejected 1, deduplicated 0");
    }

    private static void assertKnownHostsHolds(Path home, OpenSshServer sshd) {
        String[] key = sshd.publicKey().split(" ");
        try {
            assertThat(Files.readAllLines(home.resolve("known_hosts"), StandardCharsets.UTF_8))
                    .containsExactly("[127.0.0.1]:" + sshd.port() + " " + key[0] + " " + key[1]);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void trustStore(TestCertificates certificates) {
        properties.set(TRUST_STORE, certificates.trustStore().toString());
        properties.set(TRUST_STORE_PASSWORD, TestCertificates.PASSWORD);
    }
}
