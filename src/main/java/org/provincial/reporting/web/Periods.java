package org.provincial.reporting.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.springframework.context.support.MessageSourceAccessor;

/** The month a clerk or script asked for, checked before anything is looked up. */
final class Periods {

    private Periods() {
    }

    /**
     * Returns the period unchanged (null for any).
     *
     * @throws IllegalArgumentException in Chinese, quoting it, when it is no month like 2025-01
     */
    static String checked(String period, MessageSourceAccessor texts) {
        if (period == null) {
            return null;
        }
        try {
            YearMonth.parse(period);
            return period;
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException(texts.getMessage("period.invalid", new Object[] { period }));
        }
    }
}
