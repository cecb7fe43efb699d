package org.provincial.reporting.report;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What one workbook covers (SPEC §7, §9): a month or a range of months of a province, the key its totals are stored
 * under in {@code period_total} (the month, or {@code 2024-12/2025-02}), the months of it that no run completed
 * (未汇总月份, counted as empty), and the keys of the totals it is compared with — the period of the same length just
 * before (环比) and the same period a year earlier (同比) — null where that period has no completed run.
 *
 * @param range whether the workbook was asked for as a range ({@code report}): its file is named {@code <from>_<to>}
 */
public record ReportPeriod(String province, YearMonth from, YearMonth to, String key, List<String> missing,
        String previous, String yearAgo, boolean range) {

    /** The months a range may span at most. */
    public static final int MAXIMUM_MONTHS = 36;

    /** The month of a run, compared with the month before and the same month a year earlier where they completed. */
    public static ReportPeriod month(String province, String month, Set<String> completed) {
        YearMonth shown = YearMonth.parse(month);
        return new ReportPeriod(province, shown, shown, month, List.of(),
                comparedMonth(shown.minusMonths(1), completed), comparedMonth(shown.minusYears(1), completed), false);
    }

    /**
     * The months {@code from} to {@code to}: a single completed month keeps its own key (its stored monthly totals),
     * any other under {@code from/to}. A range is compared with ranges every month of which completed and none was
     * purged (their distinct counts are computed again from the facts); a month with a month's stored totals.
     */
    public static ReportPeriod range(String province, YearMonth from, YearMonth to, Set<String> completed,
            Set<String> purged) {
        List<String> months = months(from, to);
        boolean single = from.equals(to);
        String key = single && completed.contains(from.toString()) ? from.toString() : from + "/" + to;
        List<String> missing = months.stream().filter(month -> !completed.contains(month)).toList();
        int length = months.size();
        return new ReportPeriod(province, from, to, key, missing,
                compared(from.minusMonths(length), to.minusMonths(length), completed, purged),
                compared(from.minusYears(1), to.minusYears(1), completed, purged), true);
    }

    /**
     * The months {@code from} and {@code to} as typed ({@code YYYY-MM}), checked: each a month, {@code from} not after
     * {@code to}, at most {@link #MAXIMUM_MONTHS} months; a message in Chinese otherwise (the API shows it as it is).
     *
     * @throws IllegalArgumentException naming what was typed and what is expected
     */
    public static YearMonth[] bounds(String from, String to) {
        YearMonth start = parse("起始月份", from);
        YearMonth end = parse("截止月份", to);
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("起始月份 " + from + " 晚于截止月份 " + to + "，请互换两者");
        }
        long length = start.until(end, ChronoUnit.MONTHS) + 1;
        if (length > MAXIMUM_MONTHS) {
            throw new IllegalArgumentException(from + " 至 " + to + " 共 " + length + " 个月，超过 " + MAXIMUM_MONTHS
                    + " 个月的上限");
        }
        return new YearMonth[] {start, end};
    }

    private static YearMonth parse(String chineseName, String month) {
        if (month == null || !month.strip().matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new IllegalArgumentException(chineseName + " " + (month == null ? "（未填）" : "“" + month + "”")
                    + " 不是 2025-01 这样的年月");
        }
        return YearMonth.parse(month.strip());
    }

    /** Every month from {@code from} to {@code to}, as {@code YYYY-MM}. */
    public static List<String> months(YearMonth from, YearMonth to) {
        List<String> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(month.toString());
        }
        return months;
    }

    public List<String> months() {
        return months(from, to);
    }

    /** The months of the range that completed: those whose facts count. */
    public List<String> countedMonths() {
        return months().stream().filter(month -> !missing.contains(month)).toList();
    }

    public boolean singleMonth() {
        return from.equals(to);
    }

    /** Whether the totals of the key are those of a completed month's run, stored as it wrote them. */
    public boolean storedMonth() {
        return key.equals(from.toString());
    }

    /** The period in Chinese: 2025年1月, or 2024年12月至2025年2月. */
    public String label() {
        return singleMonth() ? label(from) : label(from) + "至" + label(to);
    }

    /** The word a comparison with the period before starts with: 比上月 for a month, 比上期 for a range. */
    public String previousWord() {
        return singleMonth() ? "比上月" : "比上期";
    }

    /** {@code provincial-totals-<province>-<period>.xlsx}, or {@code -<from>_<to>.xlsx} for a range. */
    public String fileName() {
        return WorkbookWriter.fileName(province, range ? from + "_" + to : from.toString());
    }

    /** The key of a range's totals ({@code YYYY-MM} for one month). */
    public static String key(YearMonth from, YearMonth to) {
        return from.equals(to) ? from.toString() : from + "/" + to;
    }

    /** The months a computed key covers. */
    public static List<String> monthsOf(String key) {
        String[] bounds = key.split("/");
        return months(YearMonth.parse(bounds[0]), YearMonth.parse(bounds[bounds.length - 1]));
    }

    private static String comparedMonth(YearMonth month, Collection<String> completed) {
        return completed.contains(month.toString()) ? month.toString() : null;
    }

    private static String compared(YearMonth from, YearMonth to, Set<String> completed, Set<String> purged) {
        if (from.equals(to)) {
            return comparedMonth(from, completed);
        }
        List<String> months = months(from, to);
        return completed.containsAll(months) && months.stream().noneMatch(purged::contains) ? from + "/" + to : null;
    }

    private static String label(YearMonth month) {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }
}
