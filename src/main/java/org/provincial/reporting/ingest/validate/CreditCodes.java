package org.provincial.reporting.ingest.validate;

import java.util.Arrays;

/** Unified social credit codes (GB 32100): 17 characters and a check character from a 31-character alphabet. */
public final class CreditCodes {

    /** What is wrong with a code, NONE when it is valid. */
    enum Problem { NONE, LENGTH, CHARACTERS, CHECK_CHARACTER }

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private CreditCodes() {
    }

    /** True for an 18-character code (upper case, no I, O, Z, S, V) with a correct check character. */
    public static boolean isValid(String code) {
        return check(code) == Problem.NONE;
    }

    static Problem check(String code) {
        if (code == null || code.length() != 18) {
            return Problem.LENGTH;
        }
        for (int i = 0; i < 18; i++) {
            if (value(code.charAt(i)) < 0) {
                return Problem.CHARACTERS;
            }
        }
        return checkCharacter(code) == code.charAt(17) ? Problem.NONE : Problem.CHECK_CHARACTER;
    }

    /** The check character of a code whose first 17 characters are of the alphabet (they alone are read). */
    public static char checkCharacter(CharSequence code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += value(code.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    private static int value(char c) {
        return c < VALUES.length ? VALUES[c] : -1;
    }
}
