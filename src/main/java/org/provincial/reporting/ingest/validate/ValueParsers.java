package org.provincial.reporting.ingest.validate;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.Locale;
import java.util.Optional;

/** Reads cell values as people type them (SPEC §2): full-width forms, thousands separators, units, date spellings. */
public final class ValueParsers {

    private ValueParsers() {
    }

    /**
     * NFKC-normalises (only when the text has non-ASCII characters: full-width digits, letters and punctuation become
     * half-width) and trims every kind of blank, U+3000 included; null becomes "".
     */
    public static String normalize(String typed) {
        if (typed == null) {
            return "";
        }
        for (int i = 0, n = typed.length(); i < n; i++) {
            if (typed.charAt(i) >= 0x80) {
                return trim(Normalizer.normalize(typed, Normalizer.Form.NFKC));
            }
        }
        return trim(typed);
    }

    /**
     * A number as typed: an optional leading ￥ or ¥, an optional + or -, digits optionally grouped by 3 with commas, an
     * optional fraction, and at most one trailing 元 or 人; the scale is kept as typed. Empty for anything else
     * (exponents, misplaced separators, letters, "").
     */
    public static Optional<BigDecimal> parseNumber(String typed) {
        return parseNormalizedNumber(normalize(typed));
    }

    /**
     * A calendar date typed as 2025-01-20, 2025/1/20, 2025.1.20 (each optionally followed by a time of day, as the
     * spreadsheet readers emit for date cells: "2025-01-20 00:00:00"), 2025年1月20日 or 20250120. Empty for anything
     * else, including dates that do not exist (2025-02-30).
     */
    public static Optional<LocalDate> parseDate(String typed) {
        return parseNormalizedDate(normalize(typed));
    }

    /** {@link #parseNumber} of text already normalised. */
    static Optional<BigDecimal> parseNormalizedNumber(String s) {
        if (!s.isEmpty() && s.charAt(0) == '¥') {
            s = trim(s.substring(1)); // NFKC has made ￥ the half-width ¥
        }
        int end = s.length();
        if (end > 0 && (s.charAt(end - 1) == '元' || s.charAt(end - 1) == '人')) {
            end--;
            while (end > 0 && isBlank(s.charAt(end - 1))) {
                end--;
            }
        }
        if (end == 0) {
            return Optional.empty();
        }
        char first = s.charAt(0);
        int i = first == '+' || first == '-' ? 1 : 0;
        int integerDigits = 0;
        int groupDigits = 0;
        boolean grouped = false;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                integerDigits++;
                groupDigits++;
            }
            else if (c == ',') {
                if (grouped ? groupDigits != 3 : groupDigits == 0 || groupDigits > 3) {
                    return Optional.empty();
                }
                grouped = true;
                groupDigits = 0;
            }
            else {
                break;
            }
        }
        if (grouped && groupDigits != 3) {
            return Optional.empty();
        }
        int fractionDigits = 0;
        if (i < end && s.charAt(i) == '.') {
            for (i++; i < end && isDigit(s.charAt(i)); i++) {
                fractionDigits++;
            }
        }
        if (i != end || integerDigits + fractionDigits == 0) {
            return Optional.empty();
        }
        if (!grouped) {
            return Optional.of(end == s.length() ? new BigDecimal(s) : new BigDecimal(s.substring(0, end)));
        }
        char[] digits = new char[end];
        int length = 0;
        for (int j = 0; j < end; j++) {
            char c = s.charAt(j);
            if (c != ',') {
                digits[length++] = c;
            }
        }
        return Optional.of(new BigDecimal(digits, 0, length));
    }

    /** {@link #parseDate} of text already normalised. */
    static Optional<LocalDate> parseNormalizedDate(String s) {
        int n = s.length();
        if (n < 8 || !allDigits(s, 0, 4)) {
            return Optional.empty();
        }
        if (n == 8 && allDigits(s, 4, 8)) {
            return date(number(s, 0, 4), number(s, 4, 6), number(s, 6, 8));
        }
        char separator = s.charAt(4);
        char afterMonth;
        if (separator == '-' || separator == '/' || separator == '.') {
            afterMonth = separator;
        }
        else if (separator == '年') {
            afterMonth = '月';
        }
        else {
            return Optional.empty();
        }
        int monthEnd = digitsEnd(s, 5, n);
        if (monthEnd == 5 || monthEnd > 7 || monthEnd >= n || s.charAt(monthEnd) != afterMonth) {
            return Optional.empty();
        }
        int dayStart = monthEnd + 1;
        int dayEnd = digitsEnd(s, dayStart, n);
        if (dayEnd == dayStart || dayEnd > dayStart + 2) {
            return Optional.empty();
        }
        int rest = dayEnd;
        if (separator == '年') {
            if (rest < n && s.charAt(rest) == '日') {
                rest++;
            }
            if (rest != n) {
                return Optional.empty();
            }
        }
        else if (rest < n && (s.charAt(rest) != ' ' && s.charAt(rest) != 'T' || !isTimeOfDay(s, rest + 1, n))) {
            return Optional.empty();
        }
        return date(number(s, 0, 4), number(s, 5, monthEnd), number(s, dayStart, dayEnd));
    }

    /**
     * An ID without what clerks add to keep Excel from reading it as a number or to make it legible: a leading
     * apostrophe and blanks between its characters ("'440103 19900101 0012").
     */
    static String compactId(String s) {
        int n = s.length();
        boolean apostrophe = n > 0 && isApostrophe(s.charAt(0));
        int i = apostrophe ? 1 : 0;
        while (i < n && !isBlank(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return apostrophe ? s.substring(1) : s;
        }
        StringBuilder compact = new StringBuilder(n).append(s, apostrophe ? 1 : 0, i);
        for (; i < n; i++) {
            if (!isBlank(s.charAt(i))) {
                compact.append(s.charAt(i));
            }
        }
        return compact.toString();
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '‘' || c == '’' || c == '`';
    }

    /** Whether the text is a number in scientific notation as Excel shows it ("4.40106E+17", "4.40106199203028E+17"). */
    static boolean isScientific(String s) {
        int e = s.indexOf('E') >= 0 ? s.indexOf('E') : s.indexOf('e');
        if (e <= 0 || e == s.length() - 1) {
            return false;
        }
        int dot = s.indexOf('.');
        boolean mantissa = dot < 0 ? allDigits(s, 0, e) : dot > 0 && allDigits(s, 0, dot) && allDigits(s, dot + 1, e);
        int exponent = s.charAt(e + 1) == '+' || s.charAt(e + 1) == '-' ? e + 2 : e + 1;
        return mantissa && exponent < s.length() && allDigits(s, exponent, s.length());
    }

    /** "/", "-", "—", "——" or "无": what clerks put in an optional cell they have nothing for (SPEC §2.1). */
    static boolean isPlaceholder(String s) {
        return s.length() <= 2 && switch (s) {
            case "/", "-", "—", "——", "无" -> true;
            default -> false;
        };
    }

    /** A day and month without a year: 1月9日 (what a CSV exported from an m月d日 cell holds). */
    static boolean isDayOfMonthWithoutYear(String s) {
        int month = digitsEnd(s, 0, s.length());
        if (month == 0 || month > 2 || month >= s.length() || s.charAt(month) != '月') {
            return false;
        }
        int day = digitsEnd(s, month + 1, s.length());
        return day > month + 1 && day <= month + 3 && (day == s.length() || day == s.length() - 1 && s.charAt(day) == '日');
    }

    /** Trims every kind of blank (ASCII controls and spaces, Unicode spaces such as U+3000 and U+00A0, BOM). */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** The form headers and enum labels are compared in: NFKC, without any blank, lower case. */
    static String matchingForm(String typed) {
        return withoutBlanksLowerCase(normalize(typed));
    }

    /** {@link #matchingForm} of text already normalised. */
    static String withoutBlanksLowerCase(String s) {
        StringBuilder form = null;
        for (int i = 0, n = s.length(); i < n; i++) {
            if (isBlank(s.charAt(i))) {
                if (form == null) {
                    form = new StringBuilder(n).append(s, 0, i);
                }
            }
            else if (form != null) {
                form.append(s.charAt(i));
            }
        }
        return (form == null ? s : form.toString()).toLowerCase(Locale.ROOT);
    }

    static boolean isBlank(char c) {
        return c <= ' ' || c >= 0x80 && (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static int number(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    static boolean isRealDate(int year, int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year));
    }

    private static Optional<LocalDate> date(int year, int month, int day) {
        return isRealDate(year, month, day) ? Optional.of(LocalDate.of(year, month, day)) : Optional.empty();
    }

    private static int digitsEnd(String s, int from, int to) {
        int i = from;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** H:mm, HH:mm, HH:mm:ss or HH:mm:ss.fff between from and to. */
    private static boolean isTimeOfDay(String s, int from, int to) {
        int hourEnd = digitsEnd(s, from, to);
        if (hourEnd == from || hourEnd > from + 2 || number(s, from, hourEnd) > 23) {
            return false;
        }
        int at = hourEnd;
        for (int field = 0; field < 2 && at < to && s.charAt(at) == ':'; field++) {
            if (at + 3 > to || !allDigits(s, at + 1, at + 3) || number(s, at + 1, at + 3) > 59) {
                return false;
            }
            at += 3;
        }
        if (at == hourEnd) {
            return false;
        }
        if (at < to && s.charAt(at) == '.' && at - hourEnd == 6) {
            int fractionEnd = digitsEnd(s, at + 1, to);
            at = fractionEnd > at + 1 ? fractionEnd : -1;
        }
        return at == to;
    }
}
