package org.provincial.reporting.collect;

import com.jcraft.jsch.JSchException;
import org.provincial.reporting.collect.HostKeys.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Makes sure a source is who it claims before anything is sent to it: an SFTP server's host key must be recorded
 * (or is recorded on first contact when so configured), an FTPS server's certificate must verify. Collection,
 * feedback upload and the health check all ask here first; their own connections then check again.
 */
@Service
public class SourceTrust {

    private static final Logger log = LoggerFactory.getLogger(SourceTrust.class);

    /** The audit log's action for a host key accepted by an admin. */
    public static final String AUDIT_ACTION = "source.trust";

    private static final String TRUST_COMMAND = "java -jar target/provincial-reporting.jar sources trust";

    private final HostKeys hostKeys;
    private final ServerCertificates certificates;
    private final int timeoutMillis;

    public SourceTrust(HostKeys hostKeys, ServerCertificates certificates, CollectProperties properties) {
        this.hostKeys = hostKeys;
        this.certificates = certificates;
        this.timeoutMillis = (int) properties.connectTimeout().toMillis();
    }

    /**
     * Checks who answers as the source; a server that cannot be reached at all is left for the connection that
     * follows to report (it checks the same way).
     *
     * @throws UntrustedSourceException when the server's host key or certificate is not trusted
     */
    public void verify(SourceLocation source) {
        switch (source.scheme()) {
            case SFTP -> verifyHostKey(source);
            case FTPS -> certificates.verify(source, timeoutMillis);
            case FTP, FILE -> {
                // plain FTP cannot prove who answers; a local directory needs no proof
            }
        }
    }

    /**
     * {@code sources trust}: records the key the server presents now in place of those recorded for it (the caller
     * puts it in the audit log).
     *
     * @return the check, with the key accepted and the keys it replaced (none when it was recorded already)
     * @throws IllegalStateException when the server cannot be reached
     */
    public Check trust(String host, int port) {
        Check check;
        try {
            check = hostKeys.check(host, port, null, timeoutMillis);
        }
        catch (JSchException e) {
            throw new IllegalStateException("Cannot read the host key of " + HostKeys.hostName(host, port) + ": "
                    + e.getMessage(), e);
        }
        if (check.verdict() == HostKeys.Verdict.KNOWN) {
            return check;
        }
        hostKeys.replace(check);
        log.warn("Accepted the host key of {}: {} (replacing: {}) in {}", check.hostName(),
                check.presentedFingerprint(), check.recorded().isEmpty() ? "none" : check.recordedFingerprints(),
                hostKeys.file());
        return check;
    }

    private void verifyHostKey(SourceLocation source) {
        Check check;
        try {
            check = hostKeys.check(source.host(), source.port(), source.username(), timeoutMillis);
        }
        catch (JSchException e) {
            // unreachable: Camel's connection reports it, and checks the key strictly should it get through
            return;
        }
        String server = source.host() + ":" + source.port();
        String command = TRUST_COMMAND + " --host " + source.host() + " --port " + source.port();
        String presented = check.presentedFingerprint();
        switch (check.verdict()) {
            case KNOWN -> {
            }
            case UNKNOWN -> {
                if (!hostKeys.trustNewHosts()) {
                    throw new UntrustedSourceException("SFTP 服务器 " + server + " 的主机密钥尚未登记（" + presented
                            + "），未连接，未发送密码；请向服务器管理员核对此指纹后执行 " + command + " 登记。"
                            + " The SFTP server " + server + " (" + source.masked() + ") is not a known host: it"
                            + " presents the key " + presented + ", which " + hostKeys.file() + " does not hold."
                            + " Check this fingerprint with the server's administrator, then accept it with: "
                            + command + " (or set REPORTING_COLLECT_TRUST_NEW_HOSTS=true to record servers on first"
                            + " contact).");
                }
                hostKeys.record(check);
                log.warn("Trusted on first use: recorded the host key of {} ({}) in {}: {}", check.hostName(),
                        source.masked(), hostKeys.file(), presented);
            }
            case CHANGED -> {
                String recorded = check.recordedFingerprints();
                throw new UntrustedSourceException("SFTP 服务器 " + server + " 的主机密钥与登记的不同（登记的 "
                        + recorded + "，现在的 " + presented + "），可能有人冒充该服务器，未连接，未发送密码；"
                        + "如服务器管理员确认已更换密钥，请执行 " + command + " 接受新密钥。"
                        + " The host key of the SFTP server " + server + " (" + source.masked() + ") has changed: "
                        + hostKeys.file() + " records " + recorded + ", the server presents " + presented + "."
                        + " Someone may be impersonating the server. If its administrator confirms that the key was"
                        + " replaced, accept the new key with: " + command);
            }
        }
    }
}
