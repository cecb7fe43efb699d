package org.provincial.reporting.cumulative;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.ingest.StagedRows;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.PublicationDifferences;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.report.TotalsRows;
import org.provincial.reporting.report.TotalsRows.Figure;
import org.provincial.reporting.report.WorkbookWriter;
import org.provincial.reporting.retention.PurgeLog;

import org.springframework.stereotype.Service;

/**
 * Figures and workbooks of a range of months (SPEC §9: 累计, 环比, 同比), computed in SQL from the facts the months'
 * runs left counted — no file is collected or read again. A month never run to completion counts as empty and is
 * named; a month whose staged rows retention purged makes a range refuse, its distinct counts being gone. Staged rows
 * a crash of PostgreSQL emptied are staged again from the archive first.
 */
@Service
public class RangeReports {

    private final RunHistory history;
    private final PurgeLog purges;
    private final TotalsCalculator totals;
    private final WorkbookWriter writer;
    private final RegionReference regions;
    private final TotalsRows rows;
    private final StagedRows stagedRows;
    private final PublicationDifferences differences;

    RangeReports(RunHistory history, PurgeLog purges, TotalsCalculator totals, WorkbookWriter writer,
            RegionReference regions, TotalsRows rows, StagedRows stagedRows, PublicationDifferences differences) {
        this.history = history;
        this.stagedRows = stagedRows;
        this.purges = purges;
        this.totals = totals;
        this.writer = writer;
        this.regions = regions;
        this.rows = rows;
        this.differences = differences;
    }

    /**
     * Checks the province and range and stores the totals of the range and of the periods it is compared with under
     * their keys; a single completed month keeps the totals its run stored.
     *
     * @throws IllegalArgumentException for a province or months that are not valid (bad input)
     * @throws NoSuchElementException   for a province that no run completed
     * @throws IllegalStateException    for a range including a purged month
     */
    public ReportPeriod prepare(String province, String from, String to) {
        if (province == null || !regions.isProvince(province.strip())) {
            throw new IllegalArgumentException("“" + province + "” 不是省级行政区划代码，例如 440000");
        }
        YearMonth[] bounds = ReportPeriod.bounds(from, to);
        String code = province.strip();
        Set<String> completed = history.completedPeriods(code);
        if (completed.isEmpty()) {
            throw new NoSuchElementException(regions.get(code).name() + "（" + code + "）尚无完成汇总的月份，请先运行 run");
        }
        Set<String> purged = purges.purgedPeriods(code);
        ReportPeriod period = ReportPeriod.range(code, bounds[0], bounds[1], completed, purged);
        if (!period.storedMonth()) {
            List<String> gone = period.months().stream().filter(purged::contains).toList();
            if (!gone.isEmpty()) {
                throw new IllegalStateException("月份 " + String.join("、", gone) + " 的明细已按保存期限清除，无法计算跨月去重数，"
                        + "请选择不含这些月份的范围");
            }
            stagedRows.restore(code, period.countedMonths());
            totals.calculate(code, period.key(), period.countedMonths());
        }
        for (String compared : new String[] {period.previous(), period.yearAgo()}) {
            if (compared != null && compared.contains("/")) {
                stagedRows.restore(code, ReportPeriod.monthsOf(compared));
                totals.calculate(code, compared, ReportPeriod.monthsOf(compared));
            }
        }
        return period;
    }

    /** Passes every figure of the range with its comparisons to {@code action}, in the data sheet's order; see {@link #prepare}. */
    public ReportPeriod figures(String province, String from, String to, Consumer<Figure> action) {
        ReportPeriod period = prepare(province, from, to);
        rows.forEach(period, action);
        return period;
    }

    /**
     * Writes {@code provincial-totals-<province>-<from>_<to>.xlsx} into {@code out}, with the sheet 与发布版差异 when
     * the range was published (SPEC §10); see {@link #prepare}.
     */
    public Written write(String province, String from, String to, Path out) {
        ReportPeriod period = prepare(province, from, to);
        return new Written(period, writer.write(period, out, differences.compareNow(period).orElse(null)));
    }

    /** A range workbook written, with the period it covers. */
    public record Written(ReportPeriod period, Path workbook) {
    }
}
