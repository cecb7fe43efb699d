package org.provincial.reporting.aggregate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import org.provincial.reporting.reference.DatasetMapping;
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

    /** The keys of the welfare {@code direction} column the money measures filter on. */
    private static final String RAISED = "raised";
    private static final String DISBURSED = "disbursed";

    /** The enum values the measures' SQL names, by dataset and column: start-up refuses mappings that lack one. */
    private static final Map<String, Map<String, List<String>>> NAMED_VALUES = Map.of("welfare",
            Map.of("direction", List.of(RAISED, DISBURSED), "source", List.of(INTERNAL_TRANSFER)));

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
                    "sum(amount) filter (where direction = '" + RAISED + "' and source <> '" + INTERNAL_TRANSFER + "')",
                    Kind.MONEY, "source", List.of(INTERNAL_TRANSFER)),
            new Measure("welfare", "disbursed_yuan", "welfare", "sum(amount) filter (where direction = '" + DISBURSED + "')", Kind.MONEY),
            new Measure("welfare", "internal_transfer_yuan", "welfare",
                    "sum(amount) filter (where direction = '" + RAISED + "' and source = '" + INTERNAL_TRANSFER + "')", Kind.MONEY));

    /**
     * Source datasets whose facts are a stock, not a flow: over several months each region's own latest fact counts
     * (a month has one fact per region, its natural key).
     */
    private static final Set<String> STOCKS = Set.of("enterprise_counts");

    /** The establishment rate's measures: enterprises with a contract over enterprises required. */
    private static final String RATE_NUMERATOR = "enterprises_with_contract";
    private static final String RATE_DENOMINATOR = "enterprises_required";

    /** The establishment rate of each region from its own totals; it stays empty where nothing is required. */
    private static final String ESTABLISHMENT_RATE = """
            update period_total rate
            set value = round(covered.value / required.value, 4)
            from period_total required, period_total covered
            where (rate.province, rate.period, rate.dataset, rate.measure, rate.breakdown)
                      = (:province, :period, 'contracts', 'establishment_rate', '')
              and (required.province, required.period, required.dataset, required.region_code, required.measure, required.breakdown)
                      = (rate.province, rate.period, rate.dataset, rate.region_code, '%1$s', '')
              and (covered.province, covered.period, covered.dataset, covered.region_code, covered.measure, covered.breakdown)
                      = (rate.province, rate.period, rate.dataset, rate.region_code, '%2$s', '')
              and required.value > 0
            """.formatted(RATE_DENOMINATOR, RATE_NUMERATOR);

    /** Region levels: 1 province, 2 city, 3 county ({@code region.rank}). */
    private static final int LEVELS = 3;

    /** Each region of the province with the region it belongs to at every level (itself at its own, null below). */
    private static final String LINEAGE = """
            lineage as (
                select a.descendant as region_code,
                       max(a.ancestor) filter (where g.rank = 1) as level_1,
                       max(a.ancestor) filter (where g.rank = 2) as level_2,
                       max(a.ancestor) filter (where g.rank = 3) as level_3
                from region_ancestor a
                join region g on g.code = a.ancestor
                where g.province_code = :province
                group by a.descendant
            )""";

    /**
     * The end of a dataset's insert into {@code period_total} after its CTE {@code figure}: every region of the
     * province crossed with the dataset's catalogue, 0 (or empty) where no fact counts.
     */
    private static final String EVERY_REGION = """
            catalogue (measure, breakdown, kind) as (
                values :catalogue
            )
            select :province, :period, :dataset, g.code, m.measure, m.breakdown,
                   coalesce(f.value, case m.kind when 'COUNT' then 0 when 'MONEY' then 0.00 end)
            from region g
            cross join catalogue m
            left join figure f on f.region_code = g.code and f.measure = m.measure and f.breakdown = m.breakdown
            where g.province_code = :province
            """;

    private final NamedParameterJdbcTemplate jdbc;

    private final Map<String, DatasetTotals> statements = new LinkedHashMap<>();

    private final TableStatistics statistics;

    private final DatasetMappings mappings;

    public TotalsCalculator(JdbcTemplate jdbc, DatasetMappings mappings, TableStatistics statistics) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.statistics = statistics;
        this.mappings = mappings;
        checkNamedValues(mappings);
        MEASURES.stream().collect(Collectors.groupingBy(Measure::dataset, LinkedHashMap::new, Collectors.toList()))
                .forEach((dataset, measures) -> statements.put(dataset, totals(measures, mappings)));
        checkPartitions(mappings);
    }

    /**
     * Refuses mappings whose rows are partitioned ({@link Facts#partitionColumns}) otherwise than the totals need to
     * add the partitions' figures up: by the value a distinct count counts, and a stock by its region.
     */
    static void checkPartitions(DatasetMappings mappings) {
        for (Measure measure : MEASURES.stream().filter(m -> m.source() != null).toList()) {
            String needed = STOCKS.contains(measure.source()) ? "region_code" : measure.distinctColumn();
            if (needed != null && !Facts.partitionColumns(mappings.get(measure.source())).equals(List.of(needed))) {
                throw new IllegalStateException("The totals partition the rows of " + measure.source() + " by "
                        + needed + ", which its natural key does not start with");
            }
        }
    }

    /**
     * Refuses mappings that lack an enum column or value the measures name (a breakdown column, a key in their SQL):
     * a renamed value would otherwise leave a total silently 0.
     */
    static void checkNamedValues(DatasetMappings mappings) {
        Map<String, Map<String, List<String>>> named = new LinkedHashMap<>();
        NAMED_VALUES.forEach((dataset, columns) -> named.put(dataset, new LinkedHashMap<>(columns)));
        MEASURES.stream().filter(measure -> measure.breakdownColumn() != null).forEach(measure -> named
                .computeIfAbsent(measure.source(), dataset -> new LinkedHashMap<>())
                .merge(measure.breakdownColumn(), measure.excludedKeys(), (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        named.forEach((dataset, columns) -> columns.forEach((column, keys) -> {
            List<String> values = mappings.get(dataset).column(column).map(c -> c.values().stream().map(EnumValue::key).toList())
                    .filter(keysOfEnum -> !keysOfEnum.isEmpty())
                    .orElseThrow(() -> new IllegalStateException("The totals need the enum column " + column
                            + " of the dataset " + dataset + ", which its mapping does not declare"));
            for (String key : keys) {
                if (!values.contains(key)) {
                    throw new IllegalStateException("The totals need the value '" + key + "' of the column " + column
                            + " of the dataset " + dataset + ", which its mapping does not list (it lists: "
                            + String.join(", ", values) + ")");
                }
            }
        }));
    }

    /** Every (dataset, measure, breakdown) the totals carry, in report order; breakdown keys follow the mappings. */
    public static List<MeasureDefinition> catalogue(DatasetMappings mappings) {
        return MEASURES.stream()
                .flatMap(measure -> breakdowns(measure, mappings).map(key -> new MeasureDefinition(measure.dataset(), measure.name(), key)))
                .toList();
    }

    /**
     * The dataset whose rows each measure is aggregated over, by {@code dataset.measure} (e.g.
     * {@code contracts.enterprises_required → enterprise_counts}); the rate, computed from other measures, has none.
     */
    public static Map<String, String> sources() {
        Map<String, String> sources = new LinkedHashMap<>();
        MEASURES.stream().filter(measure -> measure.source() != null)
                .forEach(measure -> sources.put(measure.dataset() + "." + measure.name(), measure.source()));
        return sources;
    }

    /**
     * The measures given ({@code dataset.measure}, each with a {@link #sources source}) of the counted submissions
     * {@code submissionIds} of a province and period over their own rows, aggregated as the totals are — what the one
     * file says, before deduplication across files — by submission id, then {@code dataset.measure}. A submission has
     * the measures of its own dataset only, and none without rows. {@link #storeSubmissionFigures} stores the same
     * figures of one file when its ingest concludes.
     */
    public Map<Long, Map<String, BigDecimal>> submissionFigures(String province, String period, Collection<String> measures,
            Collection<Long> submissionIds) {
        Map<Long, Map<String, BigDecimal>> figures = new HashMap<>();
        if (submissionIds.isEmpty()) {
            return figures;
        }
        bySource(measures).forEach((source, ofSource) -> {
            String facts = Facts.submitted(mappings.get(source), Stream.concat(Stream.of("r.submission_id"),
                    columns(ofSource).stream()).toList()) + "\n  and r.submission_id = any(:submissions)";
            jdbc.query(submissionFiguresOf(ofSource, facts), new MapSqlParameterSource("province", province)
                    .addValue("periods", new String[] {period})
                    .addValue("submissions", submissionIds.toArray(Long[]::new)), rs -> {
                Map<String, BigDecimal> own = figures.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>());
                for (int i = 0; i < ofSource.size(); i++) {
                    own.put(ofSource.get(i).dataset() + "." + ofSource.get(i).name(), rs.getBigDecimal(2 + i));
                }
            });
        });
        return figures;
    }

    /**
     * Replaces the stored figures ({@code submission_figure}) of one submission of {@code source} with those of the
     * measures given that are aggregated over that dataset, computed over its staged rows as
     * {@link #submissionFigures} computes them: none where it has no such row (a file rejected whole). Runs in the
     * caller's transaction, so the figures commit with the file.
     */
    public void storeSubmissionFigures(long submissionId, String source, Collection<String> measures) {
        MapSqlParameterSource submission = new MapSqlParameterSource("submission", submissionId);
        jdbc.update("delete from submission_figure where submission_id = :submission", submission);
        List<Measure> ofSource = bySource(measures).get(source);
        if (ofSource == null) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < ofSource.size(); i++) {
            values.add("('%s', '%s', f.value_%d::numeric)".formatted(ofSource.get(i).dataset(), ofSource.get(i).name(), i));
        }
        String facts = Facts.ofSubmission(mappings.get(source), Stream.concat(Stream.of("r.submission_id"),
                columns(ofSource).stream()).toList());
        jdbc.update("""
                insert into submission_figure (submission_id, dataset, measure, value)
                select f.submission_id, m.dataset, m.measure, m.value
                from (%s) f
                cross join lateral (values %s) m (dataset, measure, value)
                """.formatted(submissionFiguresOf(ofSource, facts), String.join(", ", values)), submission);
    }

    /** The measures given ({@code dataset.measure}) that have a source, by their source dataset. */
    private static Map<String, List<Measure>> bySource(Collection<String> measures) {
        return MEASURES.stream()
                .filter(measure -> measure.source() != null && measures.contains(measure.dataset() + "." + measure.name()))
                .collect(Collectors.groupingBy(Measure::source, LinkedHashMap::new, Collectors.toList()));
    }

    private static List<String> columns(List<Measure> measures) {
        return measures.stream().flatMap(measure -> measure.columns().stream()).distinct().toList();
    }

    /**
     * A select of {@code submission_id, value_0, value_1, …} (one value per measure, of one source) over the
     * select of staged rows {@code facts}, by submission.
     */
    private static String submissionFiguresOf(List<Measure> ofSource, String facts) {
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < ofSource.size(); i++) {
            // a sum over no row of its filter is 0 (0.00 for money), as in the totals
            aggregates.add("coalesce(%s, %s) as value_%d".formatted(ofSource.get(i).aggregate(),
                    ofSource.get(i).kind() == Kind.MONEY ? "0.00" : "0", i));
        }
        return "select submission_id, %s\nfrom (%s\n) f\ngroup by submission_id".formatted(String.join(", ", aggregates), facts);
    }

    /** Replaces the totals of a province and period ({@code YYYY-MM}); returns the number of rows written. */
    @Transactional
    public long calculate(String province, String period) {
        return calculate(province, period, List.of(period));
    }

    /**
     * Replaces the totals stored under {@code key} (a month, or a range such as {@code 2024-12/2025-02}) with those of
     * the facts of the months given taken together (SPEC §9): additive measures summed, distinct counts distinct over
     * all of them, a stock the latest count of each region; no month gives every figure 0 (an empty rate).
     */
    @Transactional
    public long calculate(String province, String key, Collection<String> months) {
        MapSqlParameterSource scope = new MapSqlParameterSource("province", province).addValue("period", key);
        // two computations of one range at once would each delete and insert the same rows
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('period_total:' || :province || ':' || :period))::text",
                scope, String.class);
        jdbc.update("delete from period_total where province = :province and period = :period", scope);
        // facts are staged rows of counted submissions less the copies deduplication just stored: with statistics
        // that know both (deduplication marked the submissions counted after its own refresh) they are hash joins
        statistics.refresh(List.of("submission", "deduplicated_row"));
        long written = 0;
        for (Map.Entry<String, DatasetTotals> dataset : statements.entrySet()) {
            written += jdbc.update(dataset.getValue().whole(), new MapSqlParameterSource(scope.getValues())
                    .addValue("periods", months.toArray(String[]::new))
                    .addValue("dataset", dataset.getKey())
                    .addValue("catalogue", dataset.getValue().catalogue())
                    .addValue("partition", 0).addValue("partitions", 1));
        }
        jdbc.update(ESTABLISHMENT_RATE, scope);
        refreshTotalsStatistics();
        return written;
    }

    /**
     * Before a job's partitions compute a month's totals: deletes the run-scoped figures an earlier attempt of the
     * province and period left (a crash, a failed partition), and refreshes the statistics deduplication changed.
     */
    @Transactional
    public void prepare(String province, String period) {
        jdbc.update("delete from partition_total where province = :province and period = :period",
                new MapSqlParameterSource("province", province).addValue("period", period));
        // facts are staged rows of counted submissions less the copies deduplication just stored: with statistics
        // that know both they are hash joins
        statistics.refresh(List.of("submission", "deduplicated_row"));
    }

    /**
     * The figures of partition {@code partition} (0 to {@code partitions - 1}) of a month's facts, as the run-scoped
     * results of {@code execution}: each figure is the sum of the partitions' ({@link Facts#inPartition}). Returns
     * the number of rows written.
     */
    @Transactional
    public long calculatePartition(long execution, String province, String period, int partition, int partitions) {
        long written = 0;
        for (Map.Entry<String, DatasetTotals> dataset : statements.entrySet()) {
            written += jdbc.update(dataset.getValue().partial(), new MapSqlParameterSource("province", province)
                    .addValue("period", period).addValue("periods", new String[] {period})
                    .addValue("dataset", dataset.getKey()).addValue("execution", execution)
                    .addValue("partition", partition).addValue("partitions", partitions));
        }
        return written;
    }

    /**
     * Makes the sums of {@code execution}'s partitions the month's totals, in one transaction, as {@link #calculate}
     * stores them (every region and measure, the establishment rate from them); then deletes the run-scoped figures.
     * Returns the number of totals written.
     */
    @Transactional
    public long publish(long execution, String province, String period) {
        MapSqlParameterSource scope = new MapSqlParameterSource("province", province).addValue("period", period)
                .addValue("execution", execution);
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('period_total:' || :province || ':' || :period))::text",
                scope, String.class);
        jdbc.update("delete from period_total where province = :province and period = :period", scope);
        long written = 0;
        for (Map.Entry<String, DatasetTotals> dataset : statements.entrySet()) {
            written += jdbc.update(dataset.getValue().published(), new MapSqlParameterSource(scope.getValues())
                    .addValue("dataset", dataset.getKey())
                    .addValue("catalogue", dataset.getValue().catalogue()));
        }
        jdbc.update(ESTABLISHMENT_RATE, scope);
        jdbc.update("delete from partition_total where job_execution_id = :execution and province = :province and period = :period",
                scope);
        refreshTotalsStatistics();
        return written;
    }

    /**
     * The workbook and the API join a period's totals with those of the periods compared: planned from a
     * period_total the planner has never analyzed (a new installation's first months; autovacuum comes a minute
     * later at best) that join rescanned the earlier month for every figure, 9-19 s for a province's 6,048 figures
     * instead of 70 ms.
     */
    private void refreshTotalsStatistics() {
        statistics.refreshAfterCommit(List.of("period_total"));
    }

    /**
     * The distinct values of a column counted at every level in one sort: the facts ordered by value, then by their
     * region at each level, so that the facts of one value and one region of a level follow each other. A fact
     * that starts such a run (its value, or its region at that level or above, differs from the fact before) is the
     * first of its value in that region; each fact region counts, per level, how many facts start a run, and a
     * region's figure is the sum over the fact regions within it. Values are compared as rows are grouped by them
     * ({@link DatasetMapping#groupedBy}).
     */
    private static String distinctCount(String name, DatasetMapping source, String column) {
        return """
                %1$s_run as (
                    select d.region_code,
                           %4$s is distinct from lag(%4$s) over w as new_value,
                           l.level_1 is distinct from lag(l.level_1) over w as new_level_1,
                           l.level_2 is distinct from lag(l.level_2) over w as new_level_2,
                           l.level_3 is distinct from lag(l.level_3) over w as new_level_3
                    from %2$s d
                    join lineage l on l.region_code = d.region_code
                    where d.%3$s is not null
                    window w as (order by %4$s, l.level_1, l.level_2, l.level_3)
                ),
                %1$s as (
                    select region_code,
                           count(*) filter (where new_value or new_level_1) as first_1,
                           count(*) filter (where new_value or new_level_1 or new_level_2) as first_2,
                           count(*) filter (where new_value or new_level_1 or new_level_2 or new_level_3) as first_3
                    from %1$s_run
                    group by region_code
                )""".formatted(name, source.dataset(), column, source.groupedBy("d", column));
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
     * The statements of one dataset. The facts of each source dataset (of one partition, or of all with
     * {@code :partitions} 1) are read once, with only the columns the measures use. Its additive measures (counts
     * and sums) are aggregated together in one grouping of its facts by fact region and the breakdown column (a
     * source has at most one), then summed up into every region that region counts toward (itself and each region
     * above it) and, for a broken-down measure, into each key as well: the sum of the groups' sums is the same exact
     * figure as the sum over their facts, null only where no value is. A distinct count is counted for every level in one sort of the facts ({@link #distinctCount}). Then every region
     * of the province is crossed with the dataset's catalogue ({@link #EVERY_REGION}), from these figures or from
     * the sums of the partitions' figures: the sum of the partitions' is the figure, as a value a distinct count
     * counts falls in one partition.
     */
    private static DatasetTotals totals(List<Measure> measures, DatasetMappings mappings) {
        List<String> sources = measures.stream().map(Measure::source).filter(Objects::nonNull).distinct().toList();
        List<String> ctes = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        int distinctCounts = 0;
        for (String source : sources) {
            List<Measure> ofSource = measures.stream().filter(m -> source.equals(m.source())).toList();
            List<String> columns = ofSource.stream()
                    .flatMap(m -> Stream.concat(m.columns().stream(), Stream.ofNullable(m.breakdownColumn())))
                    .filter(column -> !column.equals("region_code"))
                    .distinct().toList();
            ctes.add(factsOf(source, columns, mappings, true));
            List<Measure> additive = ofSource.stream().filter(m -> m.distinctColumn() == null).toList();
            if (!additive.isEmpty()) {
                String grouped = source + "_grouped";
                List<String> breakdownColumns = additive.stream().map(Measure::breakdownColumn).filter(Objects::nonNull)
                        .distinct().toList();
                if (breakdownColumns.size() > 1) {
                    throw new IllegalStateException("The measures of " + source + " are broken down by more than one column: "
                            + breakdownColumns);
                }
                String breakdown = breakdownColumns.isEmpty() ? "''::text" : breakdownColumns.get(0) + "::text";
                String groupBy = breakdownColumns.isEmpty() ? "region_code" : "region_code, " + breakdownColumns.get(0);
                List<String> aggregates = new ArrayList<>();
                for (int i = 0; i < additive.size(); i++) {
                    aggregates.add(additive.get(i).aggregate() + " as value_" + i);
                }
                ctes.add("%s as (\n    select region_code, %s as breakdown, %s\n    from %s\n    group by %s\n)"
                        .formatted(grouped, breakdown, String.join(", ", aggregates), source, groupBy));
                for (int i = 0; i < additive.size(); i++) {
                    figures.add(additiveFigure(additive.get(i).name(), grouped, i, false));
                    if (additive.get(i).breakdownColumn() != null) {
                        figures.add(additiveFigure(additive.get(i).name(), grouped, i, true));
                    }
                }
            }
            for (Measure measure : ofSource.stream().filter(m -> m.distinctColumn() != null).toList()) {
                String name = "distinct_" + distinctCounts++;
                ctes.add(distinctCount(name, mappings.get(source), measure.distinctColumn()));
                for (int level = 1; level <= LEVELS; level++) {
                    figures.add("""
                            select l.level_%1$d, '%2$s', '', sum(c.first_%1$d)
                            from %3$s c
                            join lineage l on l.region_code = c.region_code
                            where l.level_%1$d is not null
                            group by l.level_%1$d""".formatted(level, measure.name(), name));
                }
            }
        }
        if (distinctCounts > 0) {
            ctes.add(0, LINEAGE);
        }
        String computed = """
                with %s,
                figure (region_code, measure, breakdown, value) as (
                    %s
                )""".formatted(String.join(",\n", ctes), String.join("\n    union all\n    ", figures));
        String whole = "insert into period_total (province, period, dataset, region_code, measure, breakdown, value)\n"
                + computed + ",\n" + EVERY_REGION;
        String partial = """
                insert into partition_total (job_execution_id, province, period, dataset, region_code, measure, breakdown, value)
                %s
                select :execution, :province, :period, :dataset, region_code, measure, breakdown, value
                from figure""".formatted(computed);
        String published = """
                insert into period_total (province, period, dataset, region_code, measure, breakdown, value)
                with figure (region_code, measure, breakdown, value) as (
                    select region_code, measure, breakdown, sum(value)
                    from partition_total
                    where job_execution_id = :execution and province = :province and period = :period and dataset = :dataset
                    group by region_code, measure, breakdown
                ),
                """ + EVERY_REGION;
        List<Object[]> catalogue = measures.stream()
                .flatMap(measure -> breakdowns(measure, mappings).map(key -> new Object[] {measure.name(), key, measure.kind().name()}))
                .toList();
        return new DatasetTotals(whole, partial, published, catalogue);
    }

    /**
     * An additive measure ({@code value_<index>} of the grouped facts) summed into every region its fact regions count
     * toward, in total ({@code ''}) or by key.
     */
    private static String additiveFigure(String measure, String grouped, int index, boolean byKey) {
        return """
                select a.ancestor, '%1$s', %4$s, sum(o.value_%3$d)
                from %2$s o
                join region_ancestor a on a.descendant = o.region_code
                group by a.ancestor%5$s""".formatted(measure, grouped, index, byKey ? "o.breakdown" : "''",
                byKey ? ", o.breakdown" : "");
    }

    /**
     * The facts of a source dataset with the columns given besides their region, as the CTE named after the source;
     * of a stock, only each region's latest fact within the months; {@code partitioned}, only those of partition
     * {@code :partition} ({@link Facts#inPartition}).
     */
    private static String factsOf(String source, List<String> columns, DatasetMappings mappings, boolean partitioned) {
        String inPartition = partitioned ? "\n  and " + Facts.inPartition(mappings.get(source)) : "";
        if (STOCKS.contains(source)) {
            return """
                    %s as materialized (
                        select distinct on (region_code) %s
                        from (%s) f
                        order by region_code, period desc
                    )""".formatted(source, String.join(", ", Stream.concat(Stream.of("region_code"), columns.stream()).toList()),
                    Facts.select(mappings.get(source),
                            Stream.concat(Stream.of("region_code", "s.period"), columns.stream()).toList()) + inPartition);
        }
        return "%s as materialized (\n%s\n)".formatted(source, Facts.select(mappings.get(source),
                Stream.concat(Stream.of("region_code"), columns.stream()).toList()) + inPartition);
    }

    /**
     * What each counted submission contributes to the figures of its facts' own regions (SPEC §10: the submissions
     * behind a changed figure): a select of {@code (dataset, measure, submission_id, region_code, breakdown, value)}
     * over the facts of {@code :province} and the months {@code :periods}, each measure with an aggregate computed
     * over the submission's facts of one region and breakdown key ({@code ''} where the source has no breakdown
     * column); zero contributions are left out. A rate has none of its own: see {@link #inputs()}.
     */
    public static String contributions(DatasetMappings mappings) {
        List<String> ctes = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        for (String source : MEASURES.stream().map(Measure::source).filter(Objects::nonNull).distinct().toList()) {
            List<Measure> ofSource = MEASURES.stream().filter(m -> source.equals(m.source())).toList();
            List<String> breakdownColumns = ofSource.stream().map(Measure::breakdownColumn).filter(Objects::nonNull)
                    .distinct().toList();
            List<String> columns = Stream.concat(Stream.of("submission_id"), ofSource.stream()
                            .flatMap(m -> Stream.concat(m.columns().stream(), Stream.ofNullable(m.breakdownColumn()))))
                    .filter(column -> !column.equals("region_code")).distinct().toList();
            ctes.add(factsOf(source, columns, mappings, false));
            String breakdown = breakdownColumns.isEmpty() ? "''::text"
                    : "coalesce(" + breakdownColumns.get(0) + "::text, '')";
            String groupBy = breakdownColumns.isEmpty() ? "submission_id, region_code"
                    : "submission_id, region_code, " + breakdown;
            List<String> aggregates = new ArrayList<>();
            for (int i = 0; i < ofSource.size(); i++) {
                aggregates.add(ofSource.get(i).aggregate() + " as value_" + i);
            }
            ctes.add("%1$s_contributed as (\n    select submission_id, region_code, %2$s as breakdown, %3$s\n    from %1$s\n    group by %4$s\n)"
                    .formatted(source, breakdown, String.join(", ", aggregates), groupBy));
            for (int i = 0; i < ofSource.size(); i++) {
                selects.add("""
                        select '%s', '%s', submission_id, region_code, breakdown, value_%d
                        from %s_contributed where coalesce(value_%3$d, 0) <> 0"""
                        .formatted(ofSource.get(i).dataset(), ofSource.get(i).name(), i, source));
            }
        }
        return "with " + String.join(",\n", ctes) + "\n" + String.join("\nunion all\n", selects);
    }

    /**
     * The measures whose contributions make each figure, keyed {@code dataset/measure}: a measure's own, a rate's the
     * measures of its dataset that have an aggregate it is computed from (enterprises with a contract and required).
     */
    public static Map<String, List<String>> inputs() {
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (Measure measure : MEASURES) {
            inputs.put(measure.dataset() + "/" + measure.name(), measure.kind() != Kind.RATE ? List.of(measure.name())
                    : List.of(RATE_NUMERATOR, RATE_DENOMINATOR));
        }
        return inputs;
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

    /**
     * The statements of one dataset and its catalogue rows (measure, breakdown, kind): the insert of its totals
     * computed {@code whole}; the insert of one partition's figures into the run-scoped results ({@code partial});
     * the insert of their sums as its totals ({@code published}).
     */
    private record DatasetTotals(String whole, String partial, String published, List<Object[]> catalogue) {
    }
}
