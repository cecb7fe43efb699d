package org.provincial.reporting.collect;

import java.io.IOException;
import java.net.ConnectException;

import javax.net.ssl.SSLHandshakeException;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.provincial.reporting.reference.Texts;

import org.springframework.context.support.MessageSourceAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link NetworkFailures} tells in Chinese for the servers' refusals, built as Camel, commons-net, JSch and the
 * JDK throw them (wrapped as Camel wraps them), with the shipped message bundle; and that the English of any other
 * failure never reaches the text.
 */
class NetworkFailuresTests {

    static final String HOST = "ftp.example.org";

    final MessageSourceAccessor texts = texts();

    static MessageSourceAccessor texts() {
        return Texts.fromBundle();
    }

    /** Camel's FTP operations throw the reply code and reply text of the command the server refused. */
    @ParameterizedTest(name = "FTP {0}")
    @CsvSource(delimiter = '|', textBlock = """
            530 | 530 Login incorrect.                         | 登录被拒绝：用户名或密码不对
            550 | 550 Failed to open file.                      | 服务器拒绝了操作（FTP 应答 550）：文件或目录不存在，或没有权限
            452 | 452 Insufficient storage space.              | 服务器空间不足（FTP 应答 452）
            552 | 552 Requested file action aborted.           | 服务器空间不足（FTP 应答 552）
            553 | 553 Could not create file.                   | 服务器拒绝了操作（FTP 应答 553）
            """)
    void tellsAnFtpReplyThatRefusedTheOperation(int code, String reply, String expected) {
        Exception failure = new GenericFileOperationFailedException(code, reply,
                "Error writing file [640104/feedback/640104-2025-01.xlsx]");

        assertThat(NetworkFailures.explain(failure, HOST, texts)).isEqualTo(expected);
        assertThat(NetworkFailures.describe(failure, HOST, texts)).contains(expected);
    }

    /** commons-net throws FTPConnectionClosedException on a 421; Camel wraps it with the last reply code. */
    @Test
    void tellsAServerThatClosedTheConnectionWith421() {
        Exception failure = new GenericFileOperationFailedException(421, "421 Too many users, try later.",
                "Cannot connect to ftp://collector@ftp.example.org:21",
                new FTPConnectionClosedException("Connection closed without indication."));

        assertThat(NetworkFailures.explain(failure, HOST, texts))
                .isEqualTo("服务器暂不提供服务，关闭了连接（FTP 应答 421）");
    }

    @Test
    void tellsAnSftpFileMissingOrDenied() {
        Exception missing = new GenericFileOperationFailedException("Cannot change directory to: 640104",
                new SftpException(ChannelSftp.SSH_FX_NO_SUCH_FILE, "No such file"));
        Exception denied = new GenericFileOperationFailedException("Cannot store file: 640104/feedback/x.xlsx",
                new SftpException(ChannelSftp.SSH_FX_PERMISSION_DENIED, "Permission denied"));
        Exception failedOtherwise = new GenericFileOperationFailedException("Cannot list directory: 640104",
                new SftpException(ChannelSftp.SSH_FX_FAILURE, "Failure"));

        assertThat(NetworkFailures.explain(missing, HOST, texts)).isEqualTo("SFTP 服务器上没有这个文件或目录");
        assertThat(NetworkFailures.explain(denied, HOST, texts)).isEqualTo("SFTP 服务器拒绝了操作：没有权限");
        assertThat(NetworkFailures.describe(failedOtherwise, HOST, texts)).isEmpty();
        assertThat(NetworkFailures.explain(failedOtherwise, HOST, texts))
                .isEqualTo("操作失败（SftpException），详情已写入日志");
    }

    @Test
    void tellsAnSshLoginRefused() {
        Exception failure = new GenericFileOperationFailedException("Cannot connect to sftp://collector@host:22",
                new JSchException("Auth fail for methods 'publickey,password'"));

        assertThat(NetworkFailures.explain(failure, HOST, texts)).isEqualTo("登录被拒绝：用户名或密码不对");
    }

    @Test
    void tellsTlsNotEstablished() {
        Exception failure = new GenericFileOperationFailedException("Cannot connect to ftps://collector@host:990",
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"));

        assertThat(NetworkFailures.explain(failure, HOST, texts)).isEqualTo("加密连接（TLS）未能建立");
    }

    /** The network's failure is told first, even under a reply code the client recorded before it. */
    @Test
    void tellsTheNetworksFailureBeforeTheServersReply() {
        Exception failure = new GenericFileOperationFailedException(550, "550 Failed.", "Cannot connect",
                new ConnectException("Connection refused"));

        assertThat(NetworkFailures.explain(failure, HOST, texts))
                .isEqualTo("连接被拒绝：服务器没有在这个端口上接受连接，请确认服务器已启动、地址和端口正确");
    }

    /** Anything else: named by the type of its innermost cause, its English left to the log; no reply below 400. */
    @Test
    void namesAnyOtherFailureByItsTypeOnly() {
        Exception failure = new GenericFileOperationFailedException("Cannot retrieve file: 640104/x.csv",
                new IOException("Read error", new IllegalStateException("Unexpected end of stream in block 7")));
        Exception positiveReply = new GenericFileOperationFailedException(226, "226 Transfer complete.",
                "Cannot rename file from: a to: b");

        assertThat(NetworkFailures.describe(failure, HOST, texts)).isEmpty();
        assertThat(NetworkFailures.explain(failure, HOST, texts))
                .isEqualTo("操作失败（IllegalStateException），详情已写入日志")
                .doesNotContain("Unexpected", "Read error", "Cannot retrieve");
        assertThat(NetworkFailures.explain(positiveReply, HOST, texts))
                .isEqualTo("操作失败（GenericFileOperationFailedException），详情已写入日志");
    }
}
