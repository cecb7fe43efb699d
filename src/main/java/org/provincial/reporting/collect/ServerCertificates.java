package org.provincial.reporting.collect;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.commons.net.ftp.FTPSClient;
import org.provincial.reporting.reference.DisplayZone;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The certificates FTPS servers are trusted by: a PKCS12 trust store when configured, else the JVM's default
 * trust; the server's certificate must verify and name the host the source names, on the control and data channel.
 */
@Component
public class ServerCertificates {

    /** The Camel registry name of the TLS settings every FTPS endpoint uses. */
    public static final String CAMEL_TLS = "collectTls";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final X509ExtendedTrustManager trustManager;
    private final String trustDescription;
    private final DisplayZone zone;

    @Autowired
    public ServerCertificates(TrustProperties properties, DisplayZone zone) {
        this.zone = zone;
        this.trustManager = trustManager(properties.trustStore(), properties.trustStorePassword());
        this.trustDescription = properties.trustStore() == null
                ? "the JVM's default trusted authorities (REPORTING_COLLECT_TRUST_STORE is not set)"
                : "the trust store " + properties.trustStore().toAbsolutePath() + " (REPORTING_COLLECT_TRUST_STORE)";
    }

    /** The TLS settings of Camel's FTPS endpoints: this trust, through Camel's SSL context parameters. */
    @Bean(CAMEL_TLS)
    public SSLContextParameters collectTls() {
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setTrustManager(trustManager);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        parameters.setSecureSocketProtocol("TLS");
        return parameters;
    }

    /** The Camel FTPS endpoint options: this trust, host name verification, implicit or explicit TLS, PROT P. */
    static Map<String, Object> endpointOptions(SourceLocation source) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("sslContextParameters", "#" + CAMEL_TLS);
        options.put("implicit", source.implicitTls());
        options.put("ftpClient.endpointCheckingEnabled", true);
        options.put("execPbsz", 0);
        options.put("execProt", "P");
        return options;
    }

    /** An FTPS client (not connected) with this trust and host name verification. */
    public FTPSClient client(SourceLocation source) {
        return client(source, trustManager);
    }

    /**
     * Connects and completes the TLS handshake (no credential is sent), then disconnects.
     *
     * @throws UntrustedSourceException when the certificate does not verify; a server that cannot be reached is
     *                                   left for the collection to report
     */
    void verify(SourceLocation source, int timeoutMillis) {
        AtomicReference<X509Certificate[]> chain = new AtomicReference<>();
        FTPSClient client = client(source, new Recording(trustManager, chain));
        client.setConnectTimeout(timeoutMillis);
        client.setDefaultTimeout(timeoutMillis);
        try {
            client.connect(source.host(), source.port());
        }
        catch (SSLException e) {
            throw untrusted(source, e, chain.get());
        }
        catch (IOException e) {
            // unreachable or not speaking FTP: the collection's own connection reports it
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

    private static FTPSClient client(SourceLocation source, X509ExtendedTrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            FTPSClient client = new FTPSClient(source.implicitTls(), context);
            client.setEndpointCheckingEnabled(true);
            return client;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private UntrustedSourceException untrusted(SourceLocation source, SSLException failure,
                                               X509Certificate[] chain) {
        String server = source.host() + ":" + source.port();
        X509Certificate certificate = chain == null || chain.length == 0 ? null : chain[0];
        String chinese;
        String english;
        if (has(failure, CertificateExpiredException.class) || reason(failure) == CertPathValidatorException
                .BasicReason.EXPIRED) {
            chinese = "证书已过期";
            english = "the certificate expired" + (certificate == null ? ""
                    : " on " + DAY.format(zone.at(certificate.getNotAfter().toInstant())) + " (" + zone.zone() + ")");
        }
        else if (has(failure, CertificateNotYetValidException.class)
                || reason(failure) == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            chinese = "证书尚未生效";
            english = "the certificate is not valid yet" + (certificate == null ? ""
                    : " (valid from " + DAY.format(zone.at(certificate.getNotBefore().toInstant())) + ")");
        }
        else if (has(failure, CertPathBuilderException.class)) {
            chinese = "证书的签发者不受信任";
            english = "unknown issuer: " + (certificate == null ? "the certificate"
                    : certificate.getIssuerX500Principal().getName()) + " is not trusted by " + trustDescription;
        }
        else if (innermost(failure).startsWith("No subject alternative")
                || innermost(failure).startsWith("No name matching")) {
            chinese = "证书中的名称与服务器地址 " + source.host() + " 不符";
            english = "name mismatch: the certificate" + (certificate == null ? ""
                    : " of " + certificate.getSubjectX500Principal().getName()) + " is not issued for "
                    + source.host() + " (" + innermost(failure) + ")";
        }
        else {
            chinese = "TLS 握手失败";
            english = "the TLS handshake failed: " + innermost(failure);
        }
        return new UntrustedSourceException("FTPS 服务器 " + server + " 的证书未通过验证（" + chinese + "），未连接，未发送密码。"
                + " The FTPS server " + server + " (" + source.masked() + ") was refused: " + english + "."
                + " Put the certificate of the authority that issued the server's certificate (or the server's own"
                + " certificate) into the PKCS12 file named by REPORTING_COLLECT_TRUST_STORE, or have the server"
                + " use a certificate issued for " + source.host() + " that is valid today.");
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static CertPathValidatorException.Reason reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathValidatorException e) {
                return e.getReason();
            }
        }
        return null;
    }

    private static String innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private static X509ExtendedTrustManager trustManager(Path store, String password) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (store == null) {
                factory.init((KeyStore) null);
            }
            else {
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keyStore.load(in, password == null ? null : password.toCharArray());
                }
                factory.init(keyStore);
            }
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("No X.509 trust manager in " + factory.getAlgorithm());
        }
        catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the trust store " + store
                    + " (REPORTING_COLLECT_TRUST_STORE, a PKCS12 file; password REPORTING_COLLECT_TRUST_STORE_PASSWORD): "
                    + e.getMessage(), e);
        }
    }

    /** Keeps the chain a server presents, for the message, and leaves the verdict to the trust manager. */
    private static final class Recording extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager trust;
        private final AtomicReference<X509Certificate[]> chain;

        Recording(X509ExtendedTrustManager trust, AtomicReference<X509Certificate[]> chain) {
            this.trust = trust;
            this.chain = chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            chain.set(presented);
            trust.checkServerTrusted(presented, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            chain.set(presented);
            trust.checkServerTrusted(presented, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType)
                throws java.security.cert.CertificateException {
            chain.set(presented);
            trust.checkServerTrusted(presented, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            trust.checkClientTrusted(presented, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            trust.checkClientTrusted(presented, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType)
                throws java.security.cert.CertificateException {
            trust.checkClientTrusted(presented, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.getAcceptedIssuers();
        }
    }
}
