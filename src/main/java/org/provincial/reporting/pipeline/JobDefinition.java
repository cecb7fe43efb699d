package org.provincial.reporting.pipeline;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A job as declared in {@code jobs/<name>.yaml}: the province, its sources (placeholders already resolved from
 * the environment), the cron schedule, which period a scheduled run reports, and the reject threshold.
 *
 * @param previousMonthUntilDay until this day of the month a scheduled run reports the previous month
 */
public record JobDefinition(String name, String province, List<String> sources, String schedule,
        int previousMonthUntilDay, double rejectThreshold) {

    /** The period a run on {@code today} reports. */
    public YearMonth periodFor(LocalDate today) {
        YearMonth current = YearMonth.from(today);
        return today.getDayOfMonth() <= previousMonthUntilDay ? current.minusMonths(1) : current;
    }
}
