package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.provincial.reporting.aggregate.MeasureDefinition;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.reference.DatasetMappings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The totals of a workbook's period in long form, each figure beside the same figure of the period before and of the
 * same period a year earlier: the rows of the sheet {@code data} and of the API, streamed. Rows go dataset by
 * dataset, then region by region (the province, each city followed by its counties), then measure.
 */
@Component
public class TotalsRows {

    private final JdbcTemplate jdbc;
    private final String[] datasets;
    private final String[] measures;

    TotalsRows(DataSource dataSource, DatasetMappings mappings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(2000); // streams the figures instead of loading them all
        List<MeasureDefinition> catalogue = TotalsCalculator.catalogue(mappings);
        this.datasets = catalogue.stream().map(MeasureDefinition::dataset).distinct().toArray(String[]::new);
        this.measures = catalogue.stream()
                .map(m -> m.dataset() + "|" + m.measure() + "|" + m.breakdown())
                .toArray(String[]::new);
    }

    /** Every figure of the period, in order; previous and year-ago values are null where that period is not compared. */
    public void forEach(ReportPeriod period, Consumer<Figure> action) {
        jdbc.query("""
                select t.period, t.dataset, t.region_code, r.name, r.level, t.measure, t.breakdown, t.value,
                       p.value, y.value
                from period_total t
                join region r on r.code = t.region_code
                left join period_total p on (p.province, p.period, p.dataset, p.region_code, p.measure, p.breakdown)
                                            = (t.province, cast(? as text), t.dataset, t.region_code, t.measure, t.breakdown)
                left join period_total y on (y.province, y.period, y.dataset, y.region_code, y.measure, y.breakdown)
                                            = (t.province, cast(? as text), t.dataset, t.region_code, t.measure, t.breakdown)
                where t.province = ? and t.period = ?
                order by array_position(?::text[], t.dataset),
                         case r.level when 'province' then '' when 'city' then r.code else r.parent_code end,
                         r.rank, r.code,
                         array_position(?::text[], t.dataset || '|' || t.measure || '|' || t.breakdown)
                """, rs -> {
            action.accept(new Figure(rs.getString(1).trim(), rs.getString(2), rs.getString(3).trim(), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                    rs.getBigDecimal(10)));
        }, period.previous(), period.yearAgo(), period.province(), period.key(), datasets, measures);
    }

    /**
     * One figure of SPEC §7's {@code data} with SPEC §9's comparisons.
     *
     * @param period        the month, or the range as {@code 2024-12/2025-02}
     * @param breakdown     empty for the measure's total
     * @param value         null where undefined (a rate without enterprises required)
     * @param previousValue the figure of the period of the same length just before, null where it has no completed run
     * @param yearAgoValue  the figure of the same period a year earlier, likewise
     */
    public record Figure(String period, String dataset, String regionCode, String regionName, String level,
            String measure, String breakdown, BigDecimal value, BigDecimal previousValue, BigDecimal yearAgoValue) {
    }
}
