package org.provincial.reporting.privacy;

import java.time.LocalDate;
import java.time.YearMonth;

/** Resident identity numbers (GB 11643): 17 digits and a check character, with a real birth date inside. */
public final class ResidentIds {

    /** What is wrong with an ID, NONE when it is valid. */
    public enum Problem { NONE, LENGTH, CHARACTERS, BIRTH_DATE, CHECK_CHARACTER }

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    /** The oldest birth year accepted; the public example ID 440524188001010014 has an 1880 birth date. */
    private static final int EARLIEST_BIRTH_YEAR = 1800;

    private ResidentIds() {
    }

    /** True for an 18-character ID (upper-case X) with a real birth date not after today and a correct check character. */
    public static boolean isValid(String id) {
        return check(id) == Problem.NONE;
    }

    /** The first 6 and the last 4 characters, the rest replaced by '*' (same length); 10 characters or fewer: all '*'. */
    public static String mask(String id) {
        if (id == null) {
            return null;
        }
        int length = id.length();
        if (length <= 10) {
            return "*".repeat(length);
        }
        return id.substring(0, 6) + "*".repeat(length - 10) + id.substring(length - 4);
    }

    public static Problem check(String id) {
        if (id == null || id.length() != 18) {
            return Problem.LENGTH;
        }
        for (int i = 0; i < 17; i++) {
            if (!isDigit(id.charAt(i))) {
                return Problem.CHARACTERS;
            }
        }
        char last = id.charAt(17);
        if (!isDigit(last) && last != 'X') {
            return Problem.CHARACTERS;
        }
        int year = Integer.parseInt(id, 6, 10, 10);
        int month = Integer.parseInt(id, 10, 12, 10);
        int day = Integer.parseInt(id, 12, 14, 10);
        if (year < EARLIEST_BIRTH_YEAR || month < 1 || month > 12 || !YearMonth.of(year, month).isValidDay(day)
                || LocalDate.of(year, month, day).isAfter(LocalDate.now())) {
            return Problem.BIRTH_DATE;
        }
        return checkCharacter(id) == last ? Problem.NONE : Problem.CHECK_CHARACTER;
    }

    /** The check character of an ID whose first 17 characters are ASCII digits (they alone are read). */
    public static char checkCharacter(CharSequence id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** True when the text looks like a personal ID rather than a credit code: all digits, or 17 digits and an X. */
    public static boolean looksPersonal(String id) {
        int n = id.length();
        if (n == 0) {
            return false;
        }
        int digits = n == 18 && id.charAt(17) == 'X' ? 17 : n;
        return id.chars().limit(digits).allMatch(c -> isDigit((char) c));
    }

    /** An ASCII digit: a full-width or other Unicode digit is none. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
