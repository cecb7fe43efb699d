package org.provincial.reporting.observability;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SourceTrust;
import org.provincial.reporting.support.LocalDaemon;
import org.provincial.reporting.support.OpenSshServer;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The health check of a source follows the collection's rule: an SFTP server with an unknown key is DOWN. */
@WebTest
class SourcesHealthTests {

    @Autowired
    SourcesHealthIndicator health;

    @Autowired
    SourceTrust trust;

    @Test
    void reportsAnSftpServerWithAnUnknownHostKeyAsUntrustedUntilItsKeyIsAccepted(@TempDir Path temp) {
        Path root = LocalDaemon.accountDirectory("sources-health");
        try (OpenSshServer sshd = OpenSshServer.start(temp, root)) {
            SourceLocation source = SourceLocation.parse(sshd.url());

            assertThat(health.problem(source)).contains("SFTP 服务器 127.0.0.1:" + sshd.port() + " 的主机密钥尚未登记")
                    .contains("ssh-ed25519 " + sshd.fingerprint());
            assertThat(sshd.log()).doesNotContain("password");

            trust.trust("127.0.0.1", sshd.port());

            assertThat(health.problem(source)).isNull();
            assertThat(sshd.log()).contains("Accepted password for " + LocalDaemon.ACCOUNT);
        }
        finally {
            LocalDaemon.delete(root);
        }
    }
}
