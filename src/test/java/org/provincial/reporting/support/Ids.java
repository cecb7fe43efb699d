package org.provincial.reporting.support;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The tests' one oracle of valid resident IDs (GB 11643) and unified social credit codes (GB 32100): check characters
 * computed from the standards' own definitions, independently of the product's validators, and fixtures built with
 * them.
 */
public final class Ids {

    /** The 31 characters of a credit code, by value: digits and capital letters but I, O, Z, S and V. */
    public static final String CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private Ids() {
    }

    /** GB 11643: weights 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, written X when it is 10. */
    public static String withIdCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        int check = (12 - sum % 11) % 11;
        return first17 + (check == 10 ? "X" : Integer.toString(check));
    }

    /** GB 32100: values by position in the alphabet, weights 3^i mod 31, check value 31 - sum mod 31, 31 written 0. */
    public static String withCreditCheckCharacter(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return first17 + CREDIT_CODE_ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** A valid ID of someone born in {@code region} on {@code birth}, {@code sequence} 0–999. */
    public static String residentId(String region, LocalDate birth, int sequence) {
        return withIdCheckCharacter(region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence));
    }

    /** The ID with its check character replaced by another one: invalid, and nothing else wrong with it. */
    public static String withWrongCheckCharacter(String id) {
        return id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
    }

    /** A valid credit code for an enterprise registered in {@code region}, distinct per {@code sequence}. */
    public static String creditCode(String region, int sequence) {
        return withCreditCheckCharacter("91" + region + String.format("%09d", sequence));
    }
}
