package org.provincial.reporting.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.ColumnType;

/**
 * How resident IDs are kept in the database: as the HMAC-SHA256 of the normalised ID under the configured key,
 * encoded as unpadded Base64url (43 characters), so that equal IDs stay equal for deduplication and distinct counts
 * while the ID cannot be read back; beside it the masked form that people are shown. In a column that may hold
 * either, credit codes (public enterprise codes) are kept as they are: 18 characters, never equal to a hash.
 */
public final class ResidentIdHashes {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    ResidentIdHashes(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A hasher with its own Mac, set up once: one per thread or file, not one per row. */
    public Hasher hasher() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return new Hasher(mac);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /**
     * The form of a valid value of a column of {@code type} that people may see: a resident ID masked to its first 6
     * and last 4 characters, a credit code as it is; null for null.
     */
    public static String masked(String value, ColumnType type) {
        return value != null && isResidentId(value, type) ? ResidentIds.mask(value) : value;
    }

    private static boolean isResidentId(String value, ColumnType type) {
        return type == ColumnType.RESIDENT_ID || type == ColumnType.RESIDENT_ID_OR_CREDIT_CODE && ResidentIds.isValid(value);
    }

    /** Computes keyed hashes with one Mac; not thread-safe. */
    public static final class Hasher {

        private final Mac mac;

        private Hasher(Mac mac) {
            this.mac = mac;
        }

        /**
         * The stored form of a valid, normalised value of a column of {@code type}: the keyed hash of a resident ID, a
         * credit code as it is; null for null. The same value always gives the same stored form.
         */
        public String stored(String value, ColumnType type) {
            return value != null && isResidentId(value, type) ? hash(value) : value;
        }

        String hash(String text) {
            return ENCODER.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
