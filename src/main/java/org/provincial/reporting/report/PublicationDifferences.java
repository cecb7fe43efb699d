package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.reference.DatasetMappings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What changed since publication (SPEC §10): compares a run's figures ({@code period_total}) with those of the latest
 * revision of its province and period, in SQL, and keeps each changed figure with the submissions whose contribution
 * to it changed (a file received since, a new version, a file replaced, rows deduplicated differently), for the run's
 * page and the sheet 与发布版差异 of its workbook.
 */
@Service
public class PublicationDifferences {

    /** How each submission whose contribution to a changed figure changed is described. */
    private static final String SUBMISSION_LABEL = """
            s.file_name || '（' || case
                when not b.published_before and s.collected_by > :publishedExecution
                    then case when s.version > 1 then '新版本 v' || s.version else '发布后收到' end
                when not s.counted and exists (select 1 from submission n
                                               where n.province = s.province and n.period = s.period
                                                 and n.submitter = s.submitter and n.dataset = s.dataset
                                                 and n.counted)
                    then '已被新版本替代'
                when not s.counted then '不再计入'
                else '去重结果不同'
            end || '）'""";

    /**
     * Changed figures: those whose value differs from the revision's (either may be missing). Behind each, for every
     * measure the figure is made of: the submitters whose contribution, summed over the figure's region (its
     * descendants included) and breakdown key, differs between the revision and now, and of each such submitter the
     * submissions whose own contribution differs (so a new version that only replaces equal figures is not named).
     * The submitters that moved are computed once ({@code materialized}): the planner expects a single contribution
     * toward the changed figures and, inlined, would aggregate them again for each one (19 s instead of 2 s for
     * Guangdong).
     */
    private static final String DIFFERENCES = """
            with %s,
            input (dataset, measure, input) as (
                values :inputs
            ),
            contribution as materialized (
                select x.published, x.dataset, x.measure, x.submission_id, s.submitter, x.region_code, x.breakdown,
                       x.value
                from (select true as published, dataset, measure, submission_id, region_code, breakdown, value
                      from publication_contribution where publication_id = :publication
                      union all
                      select false, * from (%s) recomputed) x
                join submission s on s.id = x.submission_id
            ),
            toward as (
                select c.dataset, c.region_code, c.measure, c.breakdown, i.input, x.submitter, x.submission_id,
                       x.published, x.value
                from changed c
                join input i on i.dataset = c.dataset and i.measure = c.measure
                join contribution x on x.dataset = c.dataset and x.measure = i.input
                                   and (c.breakdown = '' or x.breakdown = c.breakdown)
                join region_ancestor a on a.descendant = x.region_code and a.ancestor = c.region_code
            ),
            moved as materialized (
                select dataset, region_code, measure, breakdown, input, submitter
                from toward
                group by dataset, region_code, measure, breakdown, input, submitter
                having coalesce(sum(value) filter (where published), 0)
                           <> coalesce(sum(value) filter (where not published), 0)
            ),
            behind as (
                select t.dataset, t.region_code, t.measure, t.breakdown, t.submission_id,
                       bool_or(t.published) as published_before
                from toward t
                join moved m using (dataset, region_code, measure, breakdown, input, submitter)
                group by t.dataset, t.region_code, t.measure, t.breakdown, t.input, t.submission_id
                having coalesce(sum(t.value) filter (where t.published), 0)
                           <> coalesce(sum(t.value) filter (where not t.published), 0)
            ),
            described as (
                select b.dataset, b.region_code, b.measure, b.breakdown, s.file_name,
                       %s as submission
                from (select dataset, region_code, measure, breakdown, submission_id,
                             bool_or(published_before) as published_before
                      from behind
                      group by dataset, region_code, measure, breakdown, submission_id) b
                join submission s on s.id = b.submission_id
            )
            select c.dataset, c.region_code, c.measure, c.breakdown, c.published_value, c.new_value,
                   coalesce(string_agg(d.submission, '；' order by d.file_name collate "C", d.submission), '')
            from changed c
            left join described d using (dataset, region_code, measure, breakdown)
            group by c.dataset, c.region_code, c.measure, c.breakdown, c.published_value, c.new_value
            """;

    /** The figures whose value differs from the revision's (either may be missing). */
    private static final String CHANGED = """
            changed as (
                select dataset, region_code, measure, breakdown, p.value as published_value, c.value as new_value
                from (select dataset, region_code, measure, breakdown, value
                      from publication_figure where publication_id = :publication) p
                full join (select dataset, region_code, measure, breakdown, value
                           from period_total where province = :province and period = :period) c
                    using (dataset, region_code, measure, breakdown)
                where p.value is distinct from c.value
            )""";

    /**
     * Changed figures of a revision that kept no contributions (published before they were kept, V25): the files
     * behind them cannot be told apart, and each says so instead of naming files.
     */
    private static final String UNEXPLAINED_DIFFERENCES = """
            with %s
            select dataset, region_code, measure, breakdown, published_value, new_value, :unexplained
            from changed""".formatted(CHANGED);

    /** The order of changed figures {@code d}: that of the catalogue (parameter %s), each from the province down. */
    private static final String ORDER = """
            join region g on g.code = d.region_code
            order by array_position(cast(%s as text[]), d.dataset || '/' || d.measure || '/' || d.breakdown),
                     g.rank, d.region_code""";

    /** The changed figures of an execution in the order of the catalogue, each from the province down. */
    private static final String SELECT = """
            select d.* from (select dataset, region_code, measure, breakdown, published_value, new_value, submissions
                             from publication_difference where execution_id = ?) d
            """ + ORDER.formatted("?");

    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;
    private final String differences;
    private final String contributions;
    private final List<Object[]> inputs;
    private final String[] catalogue;

    PublicationDifferences(JdbcTemplate jdbc, DatasetMappings mappings) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.contributions = TotalsCalculator.contributions(mappings);
        this.differences = DIFFERENCES.formatted(CHANGED, contributions, SUBMISSION_LABEL);
        this.inputs = TotalsCalculator.inputs().entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(input -> new Object[] {
                    entry.getKey().split("/")[0], entry.getKey().split("/")[1], input}))
                .collect(Collectors.toList());
        this.catalogue = TotalsCalculator.catalogue(mappings).stream()
                .map(m -> m.dataset() + "/" + m.measure() + "/" + m.breakdown()).toArray(String[]::new);
    }

    /**
     * Keeps what each counted submission contributes to the figures of the period (its facts now) with the revision
     * {@code publication}, so that later runs can name the submissions that changed a figure.
     */
    public void keepContributions(long publication, ReportPeriod period) {
        named.update("insert into publication_contribution (publication_id, dataset, measure, submission_id, "
                + "region_code, breakdown, value) select :publication, * from (" + contributions + ") contributed",
                scope(period).addValue("publication", publication));
    }

    /**
     * Compares the figures the execution has just computed for the period with the latest revision of that period
     * and stores the result, replacing that of an earlier attempt of the same execution; empty when nothing of the
     * period is published.
     */
    @Transactional
    public Optional<Comparison> compare(long execution, ReportPeriod period) {
        jdbc.update("delete from publication_comparison where execution_id = ?", execution);
        Optional<Revision> latest = latest(period);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Revision revision = latest.get();
        long started = System.nanoTime();
        jdbc.update("insert into publication_comparison (execution_id, province, period, publication_id, revision, "
                + "changed, millis) values (?, ?, ?, ?, ?, 0, 0)", execution, period.province(), period.key(),
                revision.id(), revision.number());
        int changed = named.update("insert into publication_difference (execution_id, dataset, region_code, measure, "
                + "breakdown, published_value, new_value, submissions) select :execution, d.* from ("
                + query(revision) + ") d", parameters(revision, period).addValue("execution", execution));
        long millis = (System.nanoTime() - started) / 1_000_000;
        jdbc.update("update publication_comparison set changed = ?, millis = ? where execution_id = ?", changed, millis,
                execution);
        return comparison(execution);
    }

    /**
     * Compares the figures of a range (SPEC §9) that {@code RangeReports} has just stored in {@code period_total}
     * with the latest revision of the range, as {@link #compare} does a run's, without storing them: a range's
     * workbook is written by {@code report}, the schedule or a download, not by a run, and its figures are computed
     * anew each time. Empty when the range is not published.
     */
    public Optional<Comparison> compareNow(ReportPeriod period) {
        return latest(period).map(revision -> {
            long started = System.nanoTime();
            List<Difference> changed = named.query("select d.* from (" + query(revision) + ") d "
                    + ORDER.formatted(":catalogue"), parameters(revision, period).addValue("catalogue", catalogue),
                    PublicationDifferences::difference);
            return new Comparison(null, revision.number(), changed.size(), (System.nanoTime() - started) / 1_000_000,
                    changed);
        });
    }

    /** The latest revision of the period, if it has one. */
    private Optional<Revision> latest(ReportPeriod period) {
        return jdbc.query("""
                select p.id, p.revision,
                       -- the run published, or for a range the last run started before it was published
                       coalesce(p.execution_id, (select max(e.job_execution_id) from batch_job_execution e
                                                 where e.create_time <= p.published_at), 0),
                       -- whether it lacks the contributions behind its figures (published before V25): a figure other
                       -- than zero (each is made of contributions, zero ones being left out) and not one contribution
                       exists (select 1 from publication_figure f where f.publication_id = p.id and f.value <> 0)
                           and not exists (select 1 from publication_contribution c where c.publication_id = p.id)
                from publication p where p.province = ? and p.period = ?
                order by p.revision desc limit 1""", (rs, row) -> new Revision(rs.getLong(1), rs.getInt(2),
                        rs.getLong(3), rs.getBoolean(4)), period.province(), period.key()).stream().findFirst();
    }

    /** The query of the figures changed since the revision, with the files behind them; see {@link #parameters}. */
    private String query(Revision revision) {
        return revision.contributionsMissing() ? UNEXPLAINED_DIFFERENCES : differences;
    }

    private MapSqlParameterSource parameters(Revision revision, ReportPeriod period) {
        return scope(period).addValue("publication", revision.id())
                .addValue("publishedExecution", revision.publishedExecution())
                .addValue("inputs", inputs)
                .addValue("unexplained", "修订版 " + revision.number()
                        + " 发布时尚未记录各报送文件对数字的贡献，无法列出引起变化的文件");
    }

    /** The comparison of the execution with the revision that was the latest when it ran, if there was one. */
    public Optional<Comparison> comparison(long execution) {
        return jdbc.query("select execution_id, revision, changed, millis from publication_comparison"
                + " where execution_id = ?", (rs, row) -> new Comparison(rs.getLong(1), rs.getInt(2), rs.getInt(3),
                        rs.getLong(4), null), execution).stream().findFirst();
    }

    /** The first {@code limit} changed figures of the execution, by dataset, region (province first) and measure. */
    public List<Difference> differences(long execution, int limit) {
        return jdbc.query(SELECT + " limit ?", PublicationDifferences::difference, execution, catalogue, limit);
    }

    /** Every changed figure of the comparison, in the order of {@link #differences}. */
    public void forEachDifference(Comparison comparison, Consumer<Difference> action) {
        if (comparison.computed() != null) {
            comparison.computed().forEach(action);
            return;
        }
        jdbc.query(SELECT, rs -> {
            action.accept(difference(rs, 0));
        }, comparison.executionId(), catalogue);
    }

    private static MapSqlParameterSource scope(ReportPeriod period) {
        return new MapSqlParameterSource("province", period.province())
                .addValue("period", period.key())
                .addValue("periods", period.countedMonths().toArray(String[]::new));
    }

    private static Difference difference(ResultSet rs, int row) throws SQLException {
        return new Difference(rs.getString(1), rs.getString(2).strip(), rs.getString(3), rs.getString(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7));
    }

    /**
     * A run ({@code executionId}) or a range (none) compared with revision {@code revision}: {@code changed} figures
     * differ (none: it repeats the revision), computed in {@code millis} ms; a range's changed figures are those
     * {@code computed}, a run's are stored.
     */
    public record Comparison(Long executionId, int revision, int changed, long millis, List<Difference> computed) {

        /** The line saying how the run or range compares with the revision: the same figures, or how many differ. */
        public String summary() {
            String subject = executionId == null ? "现在" : "本次运行";
            return changed == 0 ? "与已发布的修订版 " + revision + " 相比，" + subject + "的数字没有变化。"
                    : "与已发布的修订版 " + revision + " 相比，" + subject + "有 " + changed + " 项数字不同（未变的数字不列出）。";
        }
    }

    /** The latest revision of a period: its id, number, the run it names and whether it lacks contributions. */
    private record Revision(long id, int number, long publishedExecution, boolean contributionsMissing) {
    }

    /**
     * A figure that changed since publication: its value in the revision and in the run (either may be missing), and
     * the files that changed it as shown ({@code 文件名（发布后收到）；…}, empty when none did).
     */
    public record Difference(String dataset, String regionCode, String measure, String breakdown, BigDecimal published,
            BigDecimal current, String submissions) {

        /** The new value less the published one; null where either is missing. */
        public BigDecimal difference() {
            return published == null || current == null ? null : current.subtract(published);
        }
    }
}
