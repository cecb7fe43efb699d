package org.provincial.reporting.jobs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.provincial.reporting.collect.SourceLocation;

/**
 * A job as declared in {@code jobs/<name>.yaml}: the province, its sources (placeholders already resolved from
 * the environment), the cron schedule, which period a scheduled run reports, the reject threshold, and what the
 * submitters' feedback tells them about the deadline and whom to ask.
 *
 * @param previousMonthUntilDay until this day of the month a scheduled run reports the previous month
 * @param deadlineDay           the day of the month after a period by which its files are due; null when none
 * @param contact               who submitters ask about their feedback (office, name, telephone); null when none
 * @param rangeReportsFrom      the first months of the ranges whose workbooks a completed scheduled run also writes,
 *                              each up to the run's month (a campaign so far: {@code rangeReports: [{from: "2024-12"}]})
 */
public record JobDefinition(String name, String province, List<SourceLocation> sources, String schedule,
        int previousMonthUntilDay, double rejectThreshold, Integer deadlineDay, String contact,
        List<String> rangeReportsFrom) {

    /** The period a run on {@code today} reports. */
    public YearMonth periodFor(LocalDate today) {
        YearMonth current = YearMonth.from(today);
        return today.getDayOfMonth() <= previousMonthUntilDay ? current.minusMonths(1) : current;
    }

    /** The day the files of {@code period} are due: the deadline day of the next month (its last day if shorter). */
    public Optional<LocalDate> deadlineFor(YearMonth period) {
        if (deadlineDay == null) {
            return Optional.empty();
        }
        YearMonth next = period.plusMonths(1);
        return Optional.of(next.atDay(Math.min(deadlineDay, next.lengthOfMonth())));
    }
}
