package org.provincial.reporting.feedback;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.ColumnType;

/** Masks resident IDs (first 6 and last 4 characters kept) in what the feedback shows of a submission. */
final class Masking {

    /** 17 digits and an X, or a run of 15 or more digits: what may be a resident ID inside a text. */
    private static final Pattern ID_LIKE = Pattern.compile("[0-9]{17}[Xx]|[0-9]{15,}");

    private Masking() {
    }

    /** A value as typed: all of it masked in an ID column, else every ID-like run of digits in it. */
    static String value(String typed, ColumnType type) {
        if (typed == null) {
            return null;
        }
        return type.holdsResidentIds() ? ResidentIds.mask(typed) : text(typed);
    }

    /** A text such as a message, every ID-like run of digits in it masked. */
    static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ID_LIKE.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(masked, Matcher.quoteReplacement(ResidentIds.mask(matcher.group())));
        }
        return matcher.appendTail(masked).toString();
    }
}
