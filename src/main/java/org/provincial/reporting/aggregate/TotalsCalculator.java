package org.provincial.reporting.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.provincial.reporting.dedup.Facts;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.EnumValue;
import org.provincial.reporting.storage.TableStatistics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Computes the totals of SPEC §6 for every region of a province and a period from its facts, into {@code period_total}. */
@Service
public class TotalsCalculator {

    /** Money passed down inside the union system: reported as internal transfer, never as money raised. */
    private static final String INTERNAL_TRANSFER = "upper_allocation";

    /** The measures of SPEC §6 in report order; a measure's aggregate runs over the facts of its source dataset. */
    private static final List<Measure> MEASURES = List.of(
            new Measure("visits", "person_visits", "visits", "count(*)", Kind.COUNT, "category"),
            new Measure("visits", "distinct_persons", "visits", "count(distinct person_id)", Kind.COUNT),
            new Measure("visits", "amount_yuan", "visits", "sum(amount)", Kind.MONEY),
            new Measure("subsidies", "payments", "subsidies", "count(*)", Kind.COUNT, "program"),
            new Measure("subsidies", "distinct_recipients", "subsidies", "count(distinct recipient_id)", Kind.COUNT),
            new Measure("subsidies", "amount_yuan", "subsidies", "sum(amount)", Kind.MONEY, "program"),
            new Measure("contracts", "contracts", "contracts", "count(*)", Kind.COUNT, "contract_type"),
            new Measure("contracts", "workers_covered", "contracts", "sum(workers_covered)", Kind.COUNT),
            new Measure("contracts", "enterprises_with_contract", "contracts", "count(distinct credit_code)", Kind.COUNT),
            new Measure("contracts", "enterprises_required", "enterprise_counts", "sum(enterprises_required)", Kind.COUNT),
            new Measure("contracts", "establishment_rate", null, null, Kind.RATE),
            new Measure("welfare", "raised_yuan", "welfare",
                    "sum(amount) filter (where direction = 'raised' and source <> '" + INTERNAL_TRANSFER + "')",
                    Kind.MONEY, "source", List.of(INTERNAL_TRANSFER)),
            new Measure("welfare", "disbursed_yuan", "welfare", "sum(amount) filter (where direction = 'disbursed')", Kind.MONEY),
            new Measure("welfare", "internal_transfer_yuan", "welfare",
                    "sum(amount) filter (where direction = 'raised' and source = '" + INTERNAL_TRANSFER + "')", Kind.MONEY));

    /** The establishment rate of each region from its own totals; it stays empty where nothing is required. */
    private static final String ESTABLISHMENT_RATE = """
            update period_total rate
            set value = round(covered.value / required.value, 4)
            from period_total required, period_total covered
            where (rate.province, rate.period, rate.dataset, rate.measure, rate.breakdown)
                      = (:province, :period, 'contracts', 'establishment_rate', '')
              and (required.province, required.period, required.dataset, required.region_code, required.measure, required.breakdown)
                      = (rate.province, rate.period, rate.dataset, rate.region_code, 'enterprises_required', '')
              and (covered.province, covered.period, covered.dataset, covered.region_code, covered.measure, covered.breakdown)
                      = (rate.province, rate.period, rate.dataset, rate.region_code, 'enterprises_with_contract', '')
              and required.value > 0
            """;

    private final NamedParameterJdbcTemplate jdbc;

    private final Map<String, DatasetTotals> statements = new LinkedHashMap<>();

    private final TableStatistics statistics;

    public TotalsCalculator(JdbcTemplate jdbc, DatasetMappings mappings, TableStatistics statistics) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.statistics = statistics;
        MEASURES.stream().collect(Collectors.groupingBy(Measure::dataset, LinkedHashMap::new, Collectors.toList()))
                .forEach((dataset, measures) -> statements.put(dataset, totals(measures, mappings)));
    }

    /** Every (dataset, measure, breakdown) the totals carry, in report order; breakdown keys follow the mappings. */
    public static List<MeasureDefinition> catalogue(DatasetMappings mappings) {
        return MEASURES.stream()
                .flatMap(measure -> breakdowns(measure, mappings).map(key -> new MeasureDefinition(measure.dataset(), measure.name(), key)))
                .toList();
    }

    /** Replaces the totals of a province and period ({@code YYYY-MM}); returns the number of rows written. */
    @Transactional
    public long calculate(String province, String period) {
        MapSqlParameterSource scope = new MapSqlParameterSource("province", province).addValue("period", period);
        jdbc.update("delete from period_total where province = :province and period = :period", scope);
        // facts are staged rows less the copies deduplication just stored: fresh statistics let that be a hash join
        statistics.refresh(List.of("deduplicated_row"));
        long written = 0;
        for (Map.Entry<String, DatasetTotals> dataset : statements.entrySet()) {
            written += jdbc.update(dataset.getValue().sql(), new MapSqlParameterSource(scope.getValues())
                    .addValue("dataset", dataset.getKey())
                    .addValue("catalogue", dataset.getValue().catalogue()));
        }
        jdbc.update(ESTABLISHMENT_RATE, scope);
        return written;
    }

    /** The breakdowns of a measure: its total ({@code ''}) and, if it is broken down, every key of that column. */
    private static Stream<String> breakdowns(Measure measure, DatasetMappings mappings) {
        Stream<String> total = Stream.of("");
        if (measure.breakdownColumn() == null) {
            return total;
        }
        Stream<String> keys = mappings.get(measure.source()).column(measure.breakdownColumn()).orElseThrow().values().stream()
                .map(EnumValue::key)
                .filter(key -> !measure.excludedKeys().contains(key));
        return Stream.concat(total, keys);
    }

    /**
     * The statement of one dataset. The facts of each source dataset are read once, with only the columns the
     * measures use. Additive measures (counts and sums) are aggregated per fact region first and then summed up into
     * every region that region counts toward (itself and each region above it): the sum of the regions' sums is the
     * same exact figure as the sum over their facts, null only where no value is. A distinct count is taken over the
     * facts of every region below (values compared byte by byte, {@code collate "C"}: the same values are equal as
     * under the database's deterministic collation, and they sort faster). Then every region of the province is crossed
     * with the dataset's catalogue, 0 (or empty) where no fact counts.
     */
    private static DatasetTotals totals(List<Measure> measures, DatasetMappings mappings) {
        List<String> sources = measures.stream().map(Measure::source).filter(Objects::nonNull).distinct().toList();
        List<String> ctes = new ArrayList<>();
        for (String source : sources) {
            List<String> columns = measures.stream().filter(m -> source.equals(m.source()))
                    .flatMap(m -> Stream.concat(m.columns().stream(),
                            Stream.ofNullable(m.breakdownColumn())))
                    .filter(column -> !column.equals("region_code"))
                    .distinct().toList();
            ctes.add("%s as materialized (\n%s\n)".formatted(source, Facts.select(mappings.get(source),
                    Stream.concat(Stream.of("region_code"), columns.stream()).toList())));
        }
        List<String> figures = new ArrayList<>();
        int additive = 0;
        for (Measure measure : measures.stream().filter(m -> m.aggregate() != null).toList()) {
            String distinct = measure.distinctColumn();
            if (distinct != null) {
                // each region counts the distinct values of the facts of its own and of every region below it
                figures.add("""
                        select a.ancestor, '%1$s', '', count(distinct d.%2$s collate "C")
                        from %3$s d
                        join region_ancestor a on a.descendant = d.region_code
                        group by a.ancestor""".formatted(measure.name(), distinct, measure.source()));
                continue;
            }
            String name = "own_" + additive++;
            List<String> keys = new ArrayList<>(List.of("''"));
            if (measure.breakdownColumn() != null) {
                keys.add(measure.breakdownColumn());
            }
            List<String> perRegion = new ArrayList<>();
            for (String key : keys) {
                String groupBy = key.equals("''") ? "region_code" : "region_code, " + key;
                perRegion.add("select region_code, %s as breakdown, %s as value from %s group by %s"
                        .formatted(key.equals("''") ? "''::text" : key + "::text", measure.aggregate(), measure.source(), groupBy));
            }
            ctes.add("%s as (\n    %s\n)".formatted(name, String.join("\n    union all\n    ", perRegion)));
            figures.add("""
                    select a.ancestor, '%1$s', o.breakdown, sum(o.value)
                    from %2$s o
                    join region_ancestor a on a.descendant = o.region_code
                    group by a.ancestor, o.breakdown""".formatted(measure.name(), name));
        }
        String sql = """
                insert into period_total (province, period, dataset, region_code, measure, breakdown, value)
                with %s,
                figure (region_code, measure, breakdown, value) as (
                    %s
                ),
                catalogue (measure, breakdown, kind) as (
                    values :catalogue
                )
                select :province, :period, :dataset, g.code, m.measure, m.breakdown,
                       coalesce(f.value, case m.kind when 'COUNT' then 0 when 'MONEY' then 0.00 end)
                from region g
                cross join catalogue m
                left join figure f on f.region_code = g.code and f.measure = m.measure and f.breakdown = m.breakdown
                where g.province_code = :province
                """.formatted(String.join(",\n", ctes), String.join("\n    union all\n    ", figures));
        List<Object[]> catalogue = measures.stream()
                .flatMap(measure -> breakdowns(measure, mappings).map(key -> new Object[] {measure.name(), key, measure.kind().name()}))
                .toList();
        return new DatasetTotals(sql, catalogue);
    }

    /** How a measure is valued where no fact counts toward a region: 0, 0.00, or empty for a rate. */
    private enum Kind { COUNT, MONEY, RATE }

    /**
     * A measure of §6 stored under {@code dataset}, aggregated over the facts of {@code source} (a rate has no
     * aggregate), broken down by the keys of {@code breakdownColumn} less {@code excludedKeys} if that column is set.
     */
    private static final Pattern DISTINCT = Pattern.compile("count\\(distinct (\\w+)\\)");
    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> SQL_WORDS = Set.of("count", "sum", "distinct", "filter", "where", "and", "or", "not");

    private record Measure(String dataset, String name, String source, String aggregate, Kind kind, String breakdownColumn,
            List<String> excludedKeys) {

        Measure(String dataset, String name, String source, String aggregate, Kind kind, String breakdownColumn) {
            this(dataset, name, source, aggregate, kind, breakdownColumn, List.of());
        }

        Measure(String dataset, String name, String source, String aggregate, Kind kind) {
            this(dataset, name, source, aggregate, kind, null, List.of());
        }

        /** The column of a {@code count(distinct column)} measure, null for an additive one. */
        String distinctColumn() {
            Matcher matcher = aggregate == null ? null : DISTINCT.matcher(aggregate);
            return matcher != null && matcher.matches() ? matcher.group(1) : null;
        }

        /** The stage columns the aggregate reads. */
        List<String> columns() {
            if (aggregate == null) {
                return List.of();
            }
            List<String> columns = new ArrayList<>();
            Matcher matcher = COLUMN.matcher(aggregate.replaceAll("'[^']*'", ""));
            while (matcher.find()) {
                if (!SQL_WORDS.contains(matcher.group())) {
                    columns.add(matcher.group());
                }
            }
            return columns;
        }
    }

    /** The insert statement of one dataset and its catalogue rows (measure, breakdown, kind). */
    private record DatasetTotals(String sql, List<Object[]> catalogue) {
    }
}
