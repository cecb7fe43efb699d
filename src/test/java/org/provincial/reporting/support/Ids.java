package org.provincial.reporting.support;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Valid resident IDs (GB 11643) and unified social credit codes (GB 32100) for test fixtures. */
public final class Ids {

    private static final int[] ID_WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final String ID_CHECK = "10X98765432";
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    private Ids() {
    }

    /** A valid ID of someone born in {@code region} on {@code birth}, {@code sequence} 0–999. */
    public static String residentId(String region, LocalDate birth, int sequence) {
        String body = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return body + ID_CHECK.charAt(sum % 11);
    }

    /** The ID with its check digit changed, so that it is invalid. */
    public static String mistyped(String id) {
        return id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
    }

    /** A valid credit code for an enterprise registered in {@code region}, distinct per {@code sequence}. */
    public static String creditCode(String region, int sequence) {
        String body = "91" + region + String.format("%09d", sequence);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_ALPHABET.indexOf(body.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        return body + CREDIT_ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
