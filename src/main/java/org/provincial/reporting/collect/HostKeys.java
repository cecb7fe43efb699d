package org.provincial.reporting.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import org.provincial.reporting.storage.ReportingHome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The SFTP servers' host keys, kept in an OpenSSH known_hosts file: what a server presents is compared with it
 * before any credential is sent, and Camel's and the health check's sessions check it strictly again.
 */
@Component
public class HostKeys {

    private final Path file;
    private final boolean trustNewHosts;

    @Autowired
    HostKeys(TrustProperties properties, ReportingHome home) {
        this(properties.knownHosts() != null ? properties.knownHosts().toAbsolutePath()
                : home.root().resolve("known_hosts"), properties.trustNewHosts());
    }

    public HostKeys(Path file, boolean trustNewHosts) {
        this.file = file;
        this.trustNewHosts = trustNewHosts;
    }

    /** A key in the file or presented by a server. */
    public record Entry(String host, String type, String fingerprint) {
    }

    /** What comparing a server's key with the file found. */
    public enum Verdict { KNOWN, UNKNOWN, CHANGED }

    /** A server's key compared with the file: the presented key, and what the file holds for that host. */
    public record Check(String hostName, Entry presented, String presentedKey, List<Entry> recorded, Verdict verdict) {

        /** The presented key's type and fingerprint, e.g. {@code ssh-ed25519 SHA256:…}. */
        public String presentedFingerprint() {
            return presented.type() + " " + presented.fingerprint();
        }

        /** The recorded keys' types and fingerprints, comma-separated; empty when none is recorded. */
        public String recordedFingerprints() {
            return recorded.stream().map(k -> k.type() + " " + k.fingerprint()).collect(Collectors.joining(", "));
        }

        /** What the audit log says when the presented key is accepted. */
        public String auditDetail() {
            return hostName + " " + presentedFingerprint()
                    + (recorded.isEmpty() ? "" : "（替换 " + recordedFingerprints() + "）");
        }
    }

    public Path file() {
        return file;
    }

    boolean trustNewHosts() {
        return trustNewHosts;
    }

    /** The Camel SFTP endpoint options that check the server's key against the file. */
    Map<String, Object> endpointOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("knownHostsFile", file.toString());
        options.put("useUserKnownHostsFile", false);
        options.put("strictHostKeyChecking", "yes");
        return options;
    }

    /** The name a host goes by in known_hosts: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String hostName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /**
     * Connects only as far as the key exchange (no credential is sent) and compares the key the server presents
     * with the file.
     *
     * @throws JSchException when the server cannot be reached or does not speak SSH
     */
    synchronized Check check(String host, int port, String user, int timeoutMillis) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(file.toString());
        HostKeyRepository known = jsch.getHostKeyRepository();
        AtomicReference<byte[]> presented = new AtomicReference<>();
        // the known types are offered first (JSch's prefer_known_host_key_types), as Camel's session will
        jsch.setHostKeyRepository(new Presented(known, presented));
        Session session = jsch.getSession(user == null ? "anonymous" : user, host, port);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "none");
        try {
            session.connect(timeoutMillis);
        }
        catch (JSchException e) {
            if (presented.get() == null) {
                throw e;
            }
        }
        finally {
            session.disconnect();
        }
        String hostName = hostName(host, port);
        byte[] key = presented.get();
        String presentedKey = Base64.getEncoder().encodeToString(key);
        Entry entry = new Entry(hostName, keyType(key), fingerprint(key));
        HostKey[] recorded = known.getHostKey(hostName, null);
        List<Entry> recordedEntries = Arrays.stream(recorded == null ? new HostKey[0] : recorded)
                .map(k -> new Entry(hostName, k.getType(), fingerprint(Base64.getDecoder().decode(k.getKey()))))
                .toList();
        Verdict verdict = recordedEntries.isEmpty() ? Verdict.UNKNOWN
                : Arrays.stream(recorded).anyMatch(k -> k.getType().equals(entry.type())
                        && k.getKey().equals(presentedKey)) ? Verdict.KNOWN : Verdict.CHANGED;
        return new Check(hostName, entry, presentedKey, recordedEntries, verdict);
    }

    /** Appends the presented key of the check to the file. */
    synchronized void record(Check check) {
        try {
            Files.createDirectories(file.getParent());
            String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            String separator = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
            Files.writeString(file, separator + check.hostName() + " " + check.presented().type() + " "
                    + check.presentedKey() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot record the host key of " + check.hostName() + " in " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Removes every key the file holds for the check's host, then records the presented one. */
    synchronized void replace(Check check) {
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(file.toString());
            HostKey[] matched = jsch.getHostKeyRepository().getHostKey(check.hostName(), null);
            Set<String> matchedLines = Arrays.stream(matched == null ? new HostKey[0] : matched)
                    .map(k -> k.getHost() + " " + k.getType() + " " + k.getKey()).collect(Collectors.toSet());
            List<String> kept = new ArrayList<>();
            for (String line : Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8)
                    : List.<String>of()) {
                String[] fields = line.strip().split("\\s+", 4);
                if (fields.length < 3 || !matchedLines.contains(fields[0] + " " + fields[1] + " " + fields[2])) {
                    kept.add(line);
                    continue;
                }
                // a line may name several hosts: only this one loses it
                List<String> hosts = new ArrayList<>(List.of(fields[0].split(",")));
                hosts.remove(check.hostName());
                if (!hosts.isEmpty() && !fields[0].startsWith("|")) {
                    kept.add(String.join(",", hosts) + line.strip().substring(fields[0].length()));
                }
            }
            Files.createDirectories(file.getParent());
            Files.write(file, kept, StandardCharsets.UTF_8);
        }
        catch (IOException | JSchException e) {
            throw new IllegalStateException("Cannot rewrite " + file + ": " + e.getMessage(), e);
        }
        record(check);
    }

    /** Every key the file holds, in its order. */
    public synchronized List<Entry> recorded() {
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(file.toString());
            HostKey[] all = jsch.getHostKeyRepository().getHostKey();
            return Arrays.stream(all == null ? new HostKey[0] : all)
                    .map(k -> new Entry(k.getHost(), k.getType(), fingerprint(Base64.getDecoder().decode(k.getKey()))))
                    .toList();
        }
        catch (JSchException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A JSch session to the source that checks the server's key against the file, refusing any other. */
    public Session session(SourceLocation source, int timeoutMillis) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(file.toString());
        Session session = jsch.getSession(source.username(), source.host(), source.port());
        if (source.password() != null) {
            session.setPassword(source.password());
        }
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setTimeout(timeoutMillis);
        return session;
    }

    /** OpenSSH's fingerprint of a public key blob: SHA256: and the unpadded Base64 of its SHA-256 digest. */
    static String fingerprint(byte[] key) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(key));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key type a public key blob starts with (an SSH string: a 4-byte length and the name). */
    private static String keyType(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        int length = buffer.getInt();
        return new String(key, 4, length, StandardCharsets.US_ASCII);
    }

    /**
     * A repository that keeps the key a server presents and refuses it, so that the probe stops after the key
     * exchange; everything else (the known types preferred during the exchange) comes from the file.
     */
    private record Presented(HostKeyRepository known, AtomicReference<byte[]> key) implements HostKeyRepository {

        @Override
        public int check(String host, byte[] presented) {
            key.set(presented.clone());
            return NOT_INCLUDED;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // never: the probe only looks
        }

        @Override
        public void remove(String host, String type) {
            // never: the probe only looks
        }

        @Override
        public void remove(String host, String type, byte[] key) {
            // never: the probe only looks
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return known.getKnownHostsRepositoryID();
        }

        @Override
        public HostKey[] getHostKey() {
            return known.getHostKey();
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return known.getHostKey(host, type);
        }
    }
}
