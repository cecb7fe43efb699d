package org.provincial.reporting.collect;

import java.io.IOException;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

import org.springframework.stereotype.Component;

/**
 * Makes sure the directory an FTP or FTPS source names is on the server before it is collected: a client's listing
 * of a directory that is not there is just empty (the server refuses the LIST or sends no line), so a source whose
 * path is mistyped, or whose Chinese name goes out in the wrong encoding, would otherwise be collected as holding
 * nothing, silently. A server that cannot be reached or refuses the login is left for the collection's own
 * connection to report, with its reconnect attempts.
 */
@Component
class FtpDirectories {

    private final ServerCertificates certificates;
    private final SourceEndpoints endpoints;
    private final int timeoutMillis;

    FtpDirectories(ServerCertificates certificates, SourceEndpoints endpoints, CollectProperties properties) {
        this.certificates = certificates;
        this.endpoints = endpoints;
        this.timeoutMillis = (int) properties.connectTimeout().toMillis();
    }

    /**
     * Enters the source's directory on the server (FTP and FTPS sources below the login directory only).
     *
     * @throws SourceUnavailableException when the server answers but has no such directory, or refuses to enter it
     */
    void require(SourceLocation source) {
        if (source.scheme() != SourceLocation.Scheme.FTP && source.scheme() != SourceLocation.Scheme.FTPS
                || source.directory().isEmpty()) {
            return;
        }
        FTPClient client = source.scheme() == SourceLocation.Scheme.FTPS ? certificates.client(source) : new FTPClient();
        client.setControlEncoding(endpoints.controlEncoding(source));
        client.setConnectTimeout(timeoutMillis);
        client.setDefaultTimeout(timeoutMillis);
        try {
            client.connect(source.host(), source.port());
            client.setSoTimeout(timeoutMillis);
            if (!FTPReply.isPositiveCompletion(client.getReplyCode()) || !client.login(
                    source.username() == null ? "anonymous" : source.username(),
                    source.password() == null ? "" : source.password())) {
                return;
            }
            if (!client.changeWorkingDirectory(source.directory())) {
                String server = source.host() + ":" + source.port();
                throw new SourceUnavailableException(source.scheme().name() + " 服务器 " + server + " 上没有目录 /"
                        + source.directory() + "（或无权进入），未收取任何文件：请核对数据来源的路径；目录名含中文时，"
                        + "请核对服务器文件名的编码（例如 ?encoding=GBK）。 Cannot collect from " + source.masked()
                        + ": the directory /" + source.directory() + " is not on the server or cannot be entered ("
                        + source.mask(client.getReplyString().strip()) + "); check the source's path and, for a name"
                        + " that is not ASCII, the encoding of the server's names (e.g. ?encoding=GBK).");
            }
            client.logout();
        }
        catch (IOException e) {
            // unreachable, or the connection dropped: the collection's own connection reports it
        }
        finally {
            try {
                client.disconnect();
            }
            catch (IOException e) {
                // the connection is dropped either way
            }
        }
    }
}
