package org.provincial.reporting.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates made with the JDK's keytool in a directory: a test authority, server certificates it issues (valid,
 * expired, for another name) or that sign themselves, each with its key as PEM files for a server, and a PKCS12
 * trust store holding the authority.
 */
public final class TestCertificates {

    public static final String PASSWORD = "trust-me";

    private final Path dir;

    /** A server's certificate and key, PEM. */
    public record Served(Path certificate, Path key) {
    }

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes the authority in {@code dir}. */
    public static TestCertificates authority(Path dir) {
        TestCertificates certificates = new TestCertificates(dir);
        certificates.keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Test Provincial CA", "-ext", "bc:c",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-keystore", certificates.store("ca"));
        return certificates;
    }

    /** A PKCS12 trust store holding the authority's certificate, with {@link #PASSWORD}. */
    public Path trustStore() {
        try {
            KeyStore ca = load("ca");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("test-ca", ca.getCertificate("ca"));
            Path file = dir.resolve("trust.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server certificate for {@code san} (keytool's -ext SAN=…, e.g. ip:127.0.0.1) issued by the authority,
     * valid from {@code start} (keytool's -startdate, e.g. -3d; null: now) for {@code days}.
     */
    public Served issued(String name, String san, String start, int days) {
        keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "30", "-keystore", store(name));
        Path request = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", store(name), "-file", request.toString());
        Path certificate = dir.resolve(name + ".pem");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", store("ca"),
                "-infile", request.toString(), "-outfile", certificate.toString(), "-rfc", "-ext", "SAN=" + san,
                "-validity", Integer.toString(days)));
        if (start != null) {
            gencert.addAll(List.of("-startdate", start));
        }
        keytool(gencert.toArray(String[]::new));
        return new Served(certificate, privateKey(name));
    }

    /** A certificate for {@code san} that signs itself, as a server's own certificate often does. */
    public Served selfSigned(String name, String san) {
        keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-ext", "SAN=" + san, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "30", "-keystore", store(name));
        Path certificate = dir.resolve(name + ".pem");
        keytool("-exportcert", "-alias", name, "-keystore", store(name), "-rfc", "-file", certificate.toString());
        return new Served(certificate, privateKey(name));
    }

    private Path privateKey(String name) {
        try {
            Key key = load(name).getKey(name, PASSWORD.toCharArray());
            Path file = dir.resolve(name + ".key");
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load(String name) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store(name)))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-noprompt", "-storetype", "PKCS12", "-storepass", PASSWORD));
        command.addAll(List.of(arguments));
        if (LocalDaemon.run(command, null) != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed");
        }
    }
}
