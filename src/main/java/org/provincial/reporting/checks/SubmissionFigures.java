package org.provincial.reporting.checks;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.checks.CheckRules.Rule;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.CountedFile;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The figures each file says on its own rows for the measures the rules of each submission name: stored once as the
 * file's ingest concludes ({@code submission_figure}), so that the checks read a small table instead of scanning the
 * staged rows of the period; a counted file without them (ingested before they were stored, or a measure a rule
 * names since) is computed from its staged rows.
 */
@Service
public class SubmissionFigures {

    private final NamedParameterJdbcTemplate jdbc;
    private final TotalsCalculator totals;
    private final SubmissionRepository submissions;
    private final Set<String> measures;

    SubmissionFigures(JdbcTemplate jdbc, TotalsCalculator totals, SubmissionRepository submissions, CheckRules rules) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.totals = totals;
        this.submissions = submissions;
        this.measures = rules.rules().stream().filter(rule -> rule.submissionDataset() != null)
                .flatMap(rule -> rule.named().stream()).collect(Collectors.toSet());
    }

    /** Replaces the stored figures of a file whose ingest just concluded, in the ingest's transaction. */
    public void store(long submissionId) {
        totals.storeSubmissionFigures(submissionId, submissions.toIngest(submissionId).dataset(), measures);
    }

    /**
     * The figures of the measures the rules of each submission name for every counted file given (of one province
     * and period), by submission id, then {@code dataset.measure}; a file has none without rows of its own.
     */
    public Map<Long, Map<String, BigDecimal>> of(String province, String period, List<CountedFile> files) {
        Map<Long, Map<String, BigDecimal>> figures = new HashMap<>();
        if (measures.isEmpty() || files.isEmpty()) {
            return figures;
        }
        jdbc.query("""
                select f.submission_id, f.dataset || '.' || f.measure, f.value
                from submission_figure f
                join submission s on s.id = f.submission_id
                where s.province = :province and s.period = :period and s.counted
                  and f.dataset || '.' || f.measure in (:measures)
                """, new MapSqlParameterSource("province", province).addValue("period", period)
                .addValue("measures", measures), rs -> {
            figures.computeIfAbsent(rs.getLong(1), id -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
        });
        Map<String, String> sources = TotalsCalculator.sources();
        List<Long> missing = files.stream().filter(file -> measures.stream()
                        .anyMatch(measure -> file.dataset().equals(sources.get(measure))
                                && !figures.getOrDefault(file.id(), Map.of()).containsKey(measure)))
                .map(CountedFile::id).toList();
        figures.putAll(totals.submissionFigures(province, period, measures, missing));
        return figures;
    }
}
