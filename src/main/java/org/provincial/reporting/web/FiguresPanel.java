package org.provincial.reporting.web;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.cumulative.RangeReports;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.publish.Publication;
import org.provincial.reporting.publish.Publications;
import org.provincial.reporting.report.PublishedFigures;
import org.provincial.reporting.report.ReportPeriod;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures (SPEC §9), called from the page as {@code @figuresPanel}: the province's headline figures
 * for a month or a range with their 环比 and 同比 changes, the links to this month and to the campaign so far, and a
 * small trend chart of each over the last twelve completed months, drawn as inline SVG here (no script on the page).
 */
@Component
public class FiguresPanel {

    /** The headline figures, each with how it is counted. */
    private static final List<Headline> HEADLINES = List.of(
            new Headline("visits/person_visits", Unit.PERSON_TIMES), new Headline("visits/distinct_persons", Unit.PERSONS),
            new Headline("visits/amount_yuan", Unit.YUAN), new Headline("subsidies/payments", Unit.PERSON_TIMES),
            new Headline("subsidies/amount_yuan", Unit.YUAN), new Headline("contracts/contracts", Unit.COPIES),
            new Headline("contracts/workers_covered", Unit.PERSONS), new Headline("contracts/establishment_rate", Unit.RATE),
            new Headline("welfare/raised_yuan", Unit.YUAN), new Headline("welfare/disbursed_yuan", Unit.YUAN));

    private static final int TREND_MONTHS = 12;
    private static final int WIDTH = 150;
    private static final int HEIGHT = 34;

    private final RangeReports ranges;
    private final RunHistory history;
    private final JobDefinitions jobs;
    private final JdbcTemplate jdbc;
    private final Publications publications;
    private final MessageSourceAccessor texts;

    FiguresPanel(RangeReports ranges, RunHistory history, JobDefinitions jobs, JdbcTemplate jdbc,
            Publications publications, MessageSourceAccessor texts) {
        this.ranges = ranges;
        this.history = history;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.publications = publications;
        this.texts = texts;
    }

    /**
     * The panel of the province for {@code from}–{@code to}, or for the month shown when they are blank; a bad range or
     * a province without a completed run gives a panel with the message only.
     */
    public Panel of(String province, String month, String from, String to) {
        String first = blank(from) ? month : from.strip();
        String last = blank(to) ? first : to.strip();
        String campaign = campaignStart(province, month);
        try {
            ReportPeriod period = ranges.prepare(province, first, last);
            Map<String, BigDecimal> figures = provinceFigures(province, period.key());
            Map<String, BigDecimal> previous = period.previous() == null ? Map.of() : provinceFigures(province, period.previous());
            Map<String, BigDecimal> yearAgo = period.yearAgo() == null ? Map.of() : provinceFigures(province, period.yearAgo());
            Map<String, Map<String, BigDecimal>> trend = trend(province, period.to());
            List<Row> rows = new ArrayList<>();
            for (Headline headline : HEADLINES) {
                String key = headline.key();
                Unit unit = headline.unit();
                boolean rate = unit == Unit.RATE;
                rows.add(new Row(key, MeasureLabels.BY_KEY.get(key), shown(figures.get(key), unit),
                        shown(previous.get(key), unit), change(figures.get(key), previous.get(key), rate),
                        shown(yearAgo.get(key), unit), change(figures.get(key), yearAgo.get(key), rate),
                        svg(trend.getOrDefault(key, Map.of()), rate)));
            }
            // a range's revisions (SPEC §10); a month's are published from its run's page
            List<Publication> revisions = !period.from().equals(period.to()) ? publications.revisions(province, period.key()) : List.of();
            return new Panel(period.label(), period.from().toString(), period.to().toString(), campaign,
                    period.missing(), period.previous(), period.yearAgo(), rows, revisions, null);
        }
        catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
            return new Panel(null, first, last, campaign, List.of(), null, null, List.of(), List.of(), e.getMessage());
        }
    }

    /**
     * The first month of the campaign the month belongs to: the {@code rangeReports} start of the province's job in
     * jobs/ when it has one not after the month, else January of the month's year (年初至今).
     */
    String campaignStart(String province, String month) {
        YearMonth shown = YearMonth.parse(month);
        return jobs.forProvince(province).stream()
                .flatMap(job -> job.rangeReportsFrom().stream())
                .map(YearMonth::parse)
                .filter(start -> !start.isAfter(shown))
                .max(YearMonth::compareTo)
                .orElse(YearMonth.of(shown.getYear(), 1)).toString();
    }

    private Map<String, BigDecimal> provinceFigures(String province, String key) {
        Map<String, BigDecimal> figures = new HashMap<>();
        jdbc.query("""
                select dataset || '/' || measure, value from period_total
                where province = ? and period = ? and region_code = ? and breakdown = ''
                """, rs -> {
            figures.put(rs.getString(1), rs.getBigDecimal(2));
        }, province, key, province);
        return figures;
    }

    /** Each headline's value in each of the last twelve completed months up to {@code last}, by month. */
    private Map<String, Map<String, BigDecimal>> trend(String province, YearMonth last) {
        Set<String> completed = history.completedPeriods(province);
        String[] months = completed.stream().filter(month -> !YearMonth.parse(month).isAfter(last))
                .sorted((a, b) -> b.compareTo(a)).limit(TREND_MONTHS).toArray(String[]::new);
        Map<String, Map<String, BigDecimal>> trend = new HashMap<>();
        jdbc.query("""
                select dataset || '/' || measure, period, value from period_total
                where province = ? and period = any(?) and region_code = ? and breakdown = ''
                """, rs -> {
            trend.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
        }, province, months, province);
        return trend;
    }

    /**
     * A polyline of the months' values scaled between the smallest and the largest, a dot on the latest, each month's
     * value in a tooltip; an empty rate is a gap in the line.
     */
    static String svg(Map<String, BigDecimal> values, boolean rate) {
        List<Map.Entry<String, BigDecimal>> points = new ArrayList<>(values.entrySet());
        StringBuilder svg = new StringBuilder("<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\">");
        if (points.isEmpty()) {
            return svg.append("</svg>").toString();
        }
        double min = points.stream().filter(p -> p.getValue() != null).mapToDouble(p -> p.getValue().doubleValue()).min().orElse(0);
        double max = points.stream().filter(p -> p.getValue() != null).mapToDouble(p -> p.getValue().doubleValue()).max().orElse(0);
        double step = points.size() == 1 ? 0 : (WIDTH - 8) / (double) (points.size() - 1);
        StringBuilder line = new StringBuilder();
        String lastPoint = null;
        for (int i = 0; i < points.size(); i++) {
            BigDecimal value = points.get(i).getValue();
            if (value == null) {
                continue;
            }
            double x = 4 + i * step;
            double y = max == min ? HEIGHT / 2.0 : HEIGHT - 4 - (value.doubleValue() - min) / (max - min) * (HEIGHT - 8);
            lastPoint = String.format(Locale.ROOT, "%.1f,%.1f", x, y);
            line.append(lastPoint).append(' ');
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\"><title>%s：%s</title></circle>", x, y,
                    points.get(i).getKey(), rate ? PublishedFigures.rate(value) : value.stripTrailingZeros().toPlainString()));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#2e6da4\" stroke-width=\"1.5\" points=\"").append(line.toString().strip())
                .append("\"/>");
        return svg.append("</svg>").toString();
    }

    private String shown(BigDecimal value, Unit unit) {
        if (value == null) {
            return "—";
        }
        return switch (unit) {
            case RATE -> PublishedFigures.rate(value);
            case YUAN -> PublishedFigures.money(value);
            default -> PublishedFigures.count(value, texts.getMessage("figures.unit." + unit.name()));
        };
    }

    private String change(BigDecimal current, BigDecimal earlier, boolean rate) {
        if (rate) {
            return current == null || earlier == null ? "—"
                    : texts.getMessage("figures.change.points", new Object[] { current.subtract(earlier).movePointRight(2)
                            .setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() });
        }
        BigDecimal change = PublishedFigures.change(current, earlier);
        return change == null ? "—" : (change.signum() > 0 ? "+" : "")
                + change.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * How a headline is counted: in persons, person-times or contracts (the unit's name under {@code figures.unit.} in
     * the bundle), in yuan (shown as money), or a rate (shown as a percentage, its changes in percentage points).
     */
    private enum Unit {
        PERSON_TIMES, PERSONS, COPIES, YUAN, RATE
    }

    /** A headline figure: its key {@code dataset/measure} and how it is counted. */
    private record Headline(String key, Unit unit) {
    }

    /**
     * What the panel shows.
     *
     * @param label    the period in Chinese, null when the range could not be shown
     * @param campaign  the first month of the campaign so far
     * @param revisions the published revisions of a range, the first first (none for a month)
     * @param message   why nothing is shown, null otherwise
     */
    public record Panel(String label, String from, String to, String campaign, List<String> missing, String previous,
            String yearAgo, List<Row> rows, List<Publication> revisions, String message) {

        public boolean range() {
            return !from.equals(to);
        }
    }

    /** One headline: its key (dataset/measure), label, value, the values it is compared with and the changes, and its trend. */
    public record Row(String key, String label, String value, String previous, String previousChange, String yearAgo,
            String yearAgoChange, String trend) {
    }
}
