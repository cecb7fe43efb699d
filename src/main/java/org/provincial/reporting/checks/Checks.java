package org.provincial.reporting.checks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.checks.CheckRules.Outliers;
import org.provincial.reporting.checks.CheckRules.Rule;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.CountedFile;

import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs the checks of a province and period over its stored totals, its counted files and earlier periods, into
 * {@code check_warning}: the rules per region and per file, the outliers against history and the submitters gone
 * silent. Reads figures, never changes one.
 */
@Service
public class Checks {

    static final String OUTLIER = "outlier";
    static final String SILENT_SUBMITTER = "silent_submitter";

    private static final String OUTLIERS = """
            with history as (
                select region_code, dataset, measure, count(*) as months,
                       percentile_cont(0.5) within group (order by value)::numeric as median
                from period_total
                where province = :province and period in (:periods) and breakdown = ''
                  and dataset || '.' || measure in (:measures) and value is not null
                group by region_code, dataset, measure
            )
            select c.region_code, c.dataset, c.measure, c.value, h.median, h.months
            from period_total c
            join history h on (h.region_code, h.dataset, h.measure) = (c.region_code, c.dataset, c.measure)
            where c.province = :province and c.period = :period and c.breakdown = ''
              and h.months >= :minimum and h.median > 0
              and (c.value > :above * h.median or c.value * :below < h.median)
            order by c.region_code, c.dataset, c.measure
            """;

    /** Submitters with counted rows of a dataset in every month of the window that has totals, and none now. */
    private static final String SILENT = """
            with completed as (
                select count(distinct period) as months from period_total where province = :province and period in (:periods)
            ),
            reported as (
                select submitter, dataset, count(distinct period) as months
                from submission
                where province = :province and period in (:periods) and counted and rows_accepted > 0
                group by submitter, dataset
            )
            select r.submitter, r.dataset, r.months
            from reported r, completed c
            where r.months = c.months and c.months >= :minimum
              and not exists (select 1 from submission s
                              where s.province = :province and s.period = :period and s.counted and s.rows_accepted > 0
                                and s.submitter = r.submitter and s.dataset = r.dataset)
            order by r.submitter, r.dataset
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final CheckRules rules;
    private final RegionReference regions;
    private final DatasetMappings mappings;
    private final SubmissionFigures submissionFigures;
    private final SubmissionRepository submissions;

    public Checks(JdbcTemplate jdbc, CheckRules rules, RegionReference regions, DatasetMappings mappings,
            SubmissionFigures submissionFigures, SubmissionRepository submissions) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.rules = rules;
        this.regions = regions;
        this.mappings = mappings;
        this.submissionFigures = submissionFigures;
        this.submissions = submissions;
    }

    /** Replaces the warnings of a province and period (its totals computed); returns how many of each importance. */
    @Transactional
    public CheckCounts check(String province, String period) {
        MapSqlParameterSource scope = new MapSqlParameterSource("province", province).addValue("period", period);
        List<CheckWarning> warnings = new ArrayList<>(ruleWarnings(scope));
        warnings.addAll(submissionWarnings(province, period));
        List<String> window = window(period);
        warnings.addAll(outliers(scope, window));
        warnings.addAll(silentSubmitters(scope, window));
        jdbc.update("delete from check_warning where province = :province and period = :period", scope);
        jdbc.getJdbcTemplate().batchUpdate("""
                insert into check_warning (province, period, position, rule_id, rule_name, importance, region_code,
                                           submitter, figure_names, figure_values, message)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                CheckWarning warning = warnings.get(i);
                ps.setString(1, province);
                ps.setString(2, period);
                ps.setInt(3, i);
                ps.setString(4, warning.ruleId());
                ps.setString(5, warning.ruleName());
                ps.setString(6, warning.importance());
                ps.setString(7, warning.regionCode());
                ps.setString(8, warning.submitter());
                ps.setArray(9, ps.getConnection().createArrayOf("text", warning.figures().keySet().toArray()));
                ps.setArray(10, ps.getConnection().createArrayOf("numeric", warning.figures().values().toArray()));
                ps.setString(11, warning.message());
            }

            @Override
            public int getBatchSize() {
                return warnings.size();
            }
        });
        return counts(province, period);
    }

    /** The warnings of a province and period, most important first, then in the order the checks found them. */
    public List<CheckWarning> find(String province, String period) {
        return find("", new MapSqlParameterSource("province", province).addValue("period", period));
    }

    /**
     * The warnings of a province and period a submitter is asked to verify, in the order of {@link #find}: those of
     * its own files, its silence, and its region's figures far from their history.
     */
    public List<CheckWarning> concerning(String province, String period, String submitter) {
        return find("and (submitter = :submitter or (rule_id = '" + OUTLIER + "' and region_code = :submitter))",
                new MapSqlParameterSource("province", province).addValue("period", period).addValue("submitter", submitter));
    }

    private List<CheckWarning> find(String condition, MapSqlParameterSource parameters) {
        return jdbc.query("""
                select rule_id, rule_name, importance, region_code, submitter, figure_names, figure_values, message
                from check_warning where province = :province and period = :period %s
                order by array_position(array['高', '中', '低'], importance), position
                """.formatted(condition), parameters, (rs, n) -> {
            String[] names = (String[]) elements(rs.getArray(6));
            Object[] values = elements(rs.getArray(7));
            Map<String, BigDecimal> figures = new LinkedHashMap<>();
            IntStream.range(0, names.length).forEach(i -> figures.put(names[i], (BigDecimal) values[i]));
            String region = rs.getString(4);
            return new CheckWarning(rs.getString(1), rs.getString(2), rs.getString(3), region,
                    region == null ? null : regions.find(region).map(Region::name).orElse(null), rs.getString(5),
                    figures, rs.getString(8));
        });
    }

    public CheckCounts counts(String province, String period) {
        return jdbc.queryForObject("""
                select count(*) filter (where importance = '高'), count(*) filter (where importance = '中'),
                       count(*) filter (where importance = '低')
                from check_warning where province = :province and period = :period
                """, new MapSqlParameterSource("province", province).addValue("period", period),
                (rs, n) -> new CheckCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    /** Each rule over the totals of every region of its levels, regions in code order. */
    private List<CheckWarning> ruleWarnings(MapSqlParameterSource scope) {
        Map<String, Map<String, BigDecimal>> byRegion = new LinkedHashMap<>();
        jdbc.query("""
                select region_code, dataset || '.' || measure, value from period_total
                where province = :province and period = :period and breakdown = ''
                order by region_code
                """, scope, rs -> {
            byRegion.computeIfAbsent(rs.getString(1).trim(), code -> new LinkedHashMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
        });
        List<CheckWarning> warnings = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            byRegion.forEach((code, values) -> {
                Region region = regions.get(code);
                if (!rule.levels().contains(region.level())) {
                    return;
                }
                judge(rule, values).ifPresent(message -> warnings.add(new CheckWarning(rule.id(), rule.name(),
                        rule.importance(), code, region.name(), null, used(rule, values), message)));
            });
        }
        return warnings;
    }

    /**
     * Each rule of level submission over every counted file of its dataset, on the file's own rows; files by submitter
     * and name. The message starts with the file's name.
     */
    private List<CheckWarning> submissionWarnings(String province, String period) {
        List<Rule> ofFiles = rules.rules().stream().filter(rule -> rule.submissionDataset() != null).toList();
        if (ofFiles.isEmpty()) {
            return List.of();
        }
        List<CountedFile> files = submissions.counted(province, period);
        Map<Long, Map<String, BigDecimal>> figures = submissionFigures.of(province, period, files);
        List<CheckWarning> warnings = new ArrayList<>();
        for (Rule rule : ofFiles) {
            for (CountedFile file : files) {
                Map<String, BigDecimal> values = figures.get(file.id());
                if (values == null || !rule.submissionDataset().equals(file.dataset())) {
                    continue;
                }
                String submitter = file.submitter();
                Optional<Region> region = regions.find(submitter);
                judge(rule, values).ifPresent(message -> warnings.add(new CheckWarning(rule.id(), rule.name(),
                        rule.importance(), region.map(Region::code).orElse(null), region.map(Region::name).orElse(null),
                        submitter, used(rule, values), file.fileName() + "：" + message)));
            }
        }
        return warnings;
    }

    /** The message of a rule the figures do not meet, empty where they do. */
    private Optional<String> judge(Rule rule, Map<String, BigDecimal> values) {
        Map<String, Object> figures = rules.figures(values);
        try {
            return Boolean.TRUE.equals(rule.evaluate(figures)) ? Optional.empty() : Optional.of(rule.message(figures));
        }
        catch (RuntimeException e) {
            // e.g. a division by a zero figure, or an empty rate: the figures cannot be judged, staff should look
            return Optional.of("规则无法计算（" + rule.source() + "）：" + why(e));
        }
    }

    /**
     * Why a rule's expression could not be evaluated, in Chinese: a division by zero, or the expression's own failure
     * named by its code (SpEL's messages are English).
     */
    private static String why(RuntimeException exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ArithmeticException) {
                return "除数为 0";
            }
        }
        return exception instanceof SpelEvaluationException spel
                ? "表达式无法求值（" + spel.getMessageCode().name() + "）"
                : "表达式无法求值（" + exception.getClass().getSimpleName() + "）";
    }

    /** The figures a rule's expression uses, in its order. */
    private static Map<String, BigDecimal> used(Rule rule, Map<String, BigDecimal> values) {
        Map<String, BigDecimal> used = new LinkedHashMap<>();
        rule.measures().forEach(measure -> used.put(measure, values.get(measure)));
        return used;
    }

    private List<CheckWarning> outliers(MapSqlParameterSource scope, List<String> window) {
        Outliers settings = rules.outliers();
        if (settings.measures().isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource(scope.getValues()).addValue("periods", window)
                .addValue("measures", settings.measures()).addValue("minimum", settings.minimumMonths())
                .addValue("above", settings.above()).addValue("below", settings.below());
        return jdbc.query(OUTLIERS, parameters, (rs, n) -> {
            String code = rs.getString(1).trim();
            BigDecimal value = rs.getBigDecimal(4);
            BigDecimal median = rs.getBigDecimal(5).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
            boolean high = value.compareTo(settings.above().multiply(median)) > 0;
            Map<String, BigDecimal> figures = new LinkedHashMap<>();
            figures.put(rs.getString(2) + "." + rs.getString(3), value);
            figures.put("median", median);
            String measure = rs.getString(2) + "/" + rs.getString(3);
            String message = "%s：本期 %s，前 %d 个月中位数 %s，%s".formatted(
                    MeasureLabels.BY_KEY.getOrDefault(measure, measure),
                    value.toPlainString(), rs.getInt(6), median.toPlainString(),
                    high ? "超过中位数的 " + settings.above().toPlainString() + " 倍"
                            : "不到中位数的 1/" + settings.below().toPlainString());
            return new CheckWarning(OUTLIER, "与近几个月相比异常", settings.importance(), code,
                    regions.find(code).map(Region::name).orElse(null), null, figures, message);
        });
    }

    private List<CheckWarning> silentSubmitters(MapSqlParameterSource scope, List<String> window) {
        MapSqlParameterSource parameters = new MapSqlParameterSource(scope.getValues()).addValue("periods", window)
                .addValue("minimum", rules.outliers().minimumMonths());
        return jdbc.query(SILENT, parameters, (rs, n) -> {
            String submitter = rs.getString(1);
            Region region = regions.find(submitter).orElse(null);
            String message = "前 %d 个月每月都报送了%s，本期计入的行数为 0".formatted(rs.getInt(3),
                    mappings.get(rs.getString(2)).title());
            return new CheckWarning(SILENT_SUBMITTER, "报送中断", rules.silentImportance(),
                    region == null ? null : region.code(), region == null ? null : region.name(), submitter, Map.of(),
                    message);
        });
    }

    /** The months before {@code period} the history looks at, latest first. */
    private List<String> window(String period) {
        YearMonth month = YearMonth.parse(period);
        return IntStream.rangeClosed(1, rules.outliers().months()).mapToObj(i -> month.minusMonths(i).toString()).toList();
    }

    private static Object[] elements(Array array) throws SQLException {
        try {
            return (Object[]) array.getArray();
        }
        finally {
            array.free();
        }
    }
}
