package org.provincial.reporting.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.provincial.reporting.dedup.Facts;
import org.provincial.reporting.reference.DatasetMappings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a figure of the dashboard is made of: the counted files, by submitter, whose rows (facts, after
 * deduplication) fall in a region for the months of the figure — which files of 荔湾区 and of 广州市 make up 荔湾区's
 * 慰问人次 — and the figure itself as the totals hold it.
 */
@Component
class FigureSources {

    private final NamedParameterJdbcTemplate jdbc;
    private final DatasetMappings mappings;

    FigureSources(JdbcTemplate jdbc, DatasetMappings mappings) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.mappings = mappings;
    }

    /** The counted files with facts in the region (or below it) for the months, by submitter then file. */
    List<File> files(String province, List<String> months, String dataset, String region) {
        String facts = Facts.select(mappings.get(dataset),
                List.of("s.id", "s.submitter", "s.file_name", "s.period", "r.region_code"));
        return jdbc.query("""
                select f.id, f.submitter, f.file_name, f.period, count(*)
                from (%s) f
                join region_ancestor a on a.descendant = f.region_code and a.ancestor = :region
                group by f.id, f.submitter, f.file_name, f.period
                order by f.submitter, f.period, f.id""".formatted(facts),
                new MapSqlParameterSource("province", province).addValue("periods", months.toArray(String[]::new))
                        .addValue("region", region),
                (rs, i) -> new File(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).strip(),
                        rs.getLong(5)));
    }

    /** The figure of the region for the period key (a month, or {@code from/to}), unbroken down; empty before a run. */
    Optional<BigDecimal> figure(String province, String key, String dataset, String measure, String region) {
        return jdbc.queryForList("""
                select value from period_total
                where province = :province and period = :period and region_code = :region and dataset = :dataset
                  and measure = :measure and breakdown = ''""", new MapSqlParameterSource("province", province)
                .addValue("period", key).addValue("region", region).addValue("dataset", dataset)
                .addValue("measure", measure), BigDecimal.class).stream().findFirst();
    }

    /** A counted file and how many of its facts fall in the region. */
    record File(long id, String submitter, String fileName, String period, long rows) {
    }
}
