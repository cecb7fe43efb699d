package org.provincial.reporting.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret key of the resident ID hashes: {@code reporting.privacy.id-key} when set, else the key file in the home,
 * generated on first use. A key is text: {@code base64:} and the Base64 of the key bytes, or plain text taken as its
 * UTF-8 bytes; at least 32 bytes either way. The key itself is never logged.
 */
final class IdKey {

    private static final Logger log = LoggerFactory.getLogger(IdKey.class);

    static final String FILE_NAME = "id-key";
    static final String BASE64_PREFIX = "base64:";
    static final int MINIMUM_BYTES = 32;

    private IdKey() {
    }

    /** The key bytes: from {@code configured} when not blank, else from (or newly into) {@code home}'s key file. */
    static byte[] resolve(String configured, Path home) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), "reporting.privacy.id-key (REPORTING_ID_KEY)");
        }
        Path file = home.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                byte[] key = decode(Files.readString(file, StandardCharsets.UTF_8).strip(), "The key file " + file);
                log.info("Resident IDs are hashed with the key in {}", file);
                return key;
            }
            return generate(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the resident ID key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String text, String origin) {
        byte[] key;
        if (text.startsWith(BASE64_PREFIX)) {
            String encoded = text.substring(BASE64_PREFIX.length()).strip();
            try {
                key = (encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                        .decode(encoded);
            }
            catch (IllegalArgumentException e) {
                throw new IllegalStateException(origin + " starts with '" + BASE64_PREFIX
                        + "' but the rest is not valid Base64");
            }
        }
        else {
            key = text.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < MINIMUM_BYTES) {
            throw new IllegalStateException(origin + " is too short: " + key.length + " bytes, at least " + MINIMUM_BYTES
                    + " are needed. Generate one with 'openssl rand -base64 32' and set it as base64:<that output>.");
        }
        return key;
    }

    /** A new random 256-bit key, written so that a crash never leaves a partial key file behind. */
    private static byte[] generate(Path file) throws IOException {
        byte[] key = new byte[MINIMUM_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(FILE_NAME + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, BASE64_PREFIX + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        log.warn("Generated the resident ID key {} (readable by its owner only). Back it up together with the database: "
                + "without it, the IDs of new submissions no longer match those already stored. Every instance that "
                + "shares this database must use the same key: set REPORTING_ID_KEY to the content of that file.", file);
        return key;
    }
}
