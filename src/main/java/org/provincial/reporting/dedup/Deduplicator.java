package org.provincial.reporting.dedup;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.storage.TableStatistics;
import org.provincial.reporting.submission.SubmissionRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Chooses the counted version of every submission and turns their staged rows into facts and conflicts (SPEC §5). */
@Service
public class Deduplicator {

    private final NamedParameterJdbcTemplate jdbc;

    /** The facts statement of each dataset, in the order of the mappings. */
    private final Map<String, String> statements = new LinkedHashMap<>();

    /** The tables deduplication reads. */
    private final List<String> stageTables;

    private final TableStatistics statistics;
    private final SubmissionRepository submissions;

    /** The execution a deduplication outside a job keys its run-scoped results by. */
    private static final long OUTSIDE_A_JOB = 0;

    public Deduplicator(JdbcTemplate jdbc, DatasetMappings mappings, TableStatistics statistics,
            SubmissionRepository submissions) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        mappings.all().forEach(dataset -> statements.put(dataset.dataset(), factsStatement(dataset)));
        this.stageTables = Stream.concat(Stream.of("submission"), mappings.all().stream().map(DatasetMapping::stageTable))
                .toList();
        this.statistics = statistics;
        this.submissions = submissions;
    }

    /**
     * Replaces the facts and conflicts of a province and period ({@code YYYY-MM}) with those of its counted
     * submissions, all in the caller's transaction: the job's steps spread the same work over partitions
     * ({@link #prepare}, {@link #deduplicatePartition}, {@link #publish}).
     */
    @Transactional
    public DedupResult deduplicate(String province, String period) {
        prepare(province, period);
        PartitionOutcome outcome = deduplicatePartition(OUTSIDE_A_JOB, province, period, 0, 1);
        return publish(OUTSIDE_A_JOB, province, period, List.of(outcome));
    }

    /**
     * Before a run's partitions: deletes the run-scoped results an earlier attempt of the province and period left
     * (a crash, a failed partition), and refreshes the statistics of the rows just staged.
     */
    @Transactional
    public void prepare(String province, String period) {
        MapSqlParameterSource scope = new MapSqlParameterSource("province", province).addValue("period", period);
        jdbc.update("delete from partition_deduplicated_row where province = :province and period = :period", scope);
        jdbc.update("delete from partition_conflict where province = :province and period = :period", scope);
        // the rows just staged change the tables' statistics most: plans that know it join and group by hashing
        statistics.refresh(stageTables);
    }

    /**
     * Deduplicates the staged rows of partition {@code partition} (0 to {@code partitions - 1}) of every dataset
     * into the run-scoped results of {@code execution}: every copy of a fact falls in the partition of the fact.
     */
    @Transactional
    public PartitionOutcome deduplicatePartition(long execution, String province, String period, int partition,
            int partitions) {
        // The planner cannot estimate a partition's share of the rows (an expression of a hash: it assumes 1/200),
        // nor how many keyed rows a repeated key joins: believing both are a few, it looped over the copies for each
        // repeated key (15 s for 25k rows at 50k visit rows with two partitions, against 0.4 s hashed). Hash joins
        // are right at every size here; the setting ends with this transaction.
        jdbc.getJdbcOperations().execute("set local enable_nestloop = off");
        Map<String, Long> factsByDataset = new LinkedHashMap<>();
        long duplicates = 0;
        long conflicts = 0;
        for (Map.Entry<String, String> dataset : statements.entrySet()) {
            Map<String, Object> outcome = jdbc.queryForMap(dataset.getValue(), new MapSqlParameterSource("province",
                    province).addValue("period", period).addValue("dataset", dataset.getKey()).addValue("execution", execution)
                    .addValue("partition", partition).addValue("partitions", partitions));
            factsByDataset.put(dataset.getKey(), ((Number) outcome.get("facts")).longValue());
            duplicates += ((Number) outcome.get("duplicates")).longValue();
            conflicts += ((Number) outcome.get("conflicts")).longValue();
        }
        return new PartitionOutcome(factsByDataset, duplicates, conflicts);
    }

    /**
     * Makes the results of {@code execution}'s partitions the current ones, in one transaction: the counted versions,
     * the deduplicated rows, the conflicts (numbered by dataset, natural key and place among the copies, as one
     * statement over all the rows numbers them, however the rows were partitioned) and each submission's copies;
     * then deletes the run-scoped results.
     */
    @Transactional
    public DedupResult publish(long execution, String province, String period, Collection<PartitionOutcome> partitions) {
        MapSqlParameterSource scope = new MapSqlParameterSource("province", province).addValue("period", period)
                .addValue("execution", execution).addValue("datasets", statements.keySet().toArray(String[]::new));
        submissions.chooseCountedVersions(province, period);
        jdbc.update("delete from deduplicated_row where province = :province and period = :period", scope);
        jdbc.update("delete from conflict where province = :province and period = :period", scope);
        jdbc.update("""
                insert into deduplicated_row (province, period, dataset, submission_id, row_no)
                select province, period, dataset, submission_id, row_no
                from partition_deduplicated_row
                where job_execution_id = :execution and province = :province and period = :period""", scope);
        jdbc.update("""
                insert into conflict (province, period, dataset, natural_key, winner_submission_id, winner_row_no,
                                      loser_submission_id, loser_row_no, differing_columns)
                select province, period, dataset, natural_key, winner_submission_id, winner_row_no,
                       loser_submission_id, loser_row_no, differing_columns
                from partition_conflict
                where job_execution_id = :execution and province = :province and period = :period
                order by array_position(cast(:datasets as text[]), dataset), sort_key, position""", scope);
        jdbc.update("""
                update submission s
                set rows_deduplicated = d.copies
                from (select submission_id, count(*) as copies from partition_deduplicated_row
                      where job_execution_id = :execution and province = :province and period = :period
                      group by submission_id) d
                where s.id = d.submission_id""", scope);
        for (String results : List.of("partition_deduplicated_row", "partition_conflict")) {
            jdbc.update("delete from " + results
                    + " where job_execution_id = :execution and province = :province and period = :period", scope);
        }
        Map<String, Long> factsByDataset = new LinkedHashMap<>();
        statements.keySet().forEach(dataset -> factsByDataset.put(dataset, partitions.stream()
                .mapToLong(outcome -> outcome.factsByDataset().getOrDefault(dataset, 0L)).sum()));
        return new DedupResult(submissions.countCounted(province, period), factsByDataset,
                partitions.stream().mapToLong(PartitionOutcome::duplicates).sum(),
                partitions.stream().mapToLong(PartitionOutcome::conflicts).sum());
    }

    /** What one partition's deduplication produced: its facts per dataset, its copies and its conflicts. */
    public record PartitionOutcome(Map<String, Long> factsByDataset, long duplicates, long conflicts) {
    }

    /**
     * One statement per dataset and partition ({@link Facts#inPartition}). Among the rows of the counted submissions
     * that could be facts, it finds the natural keys that occur more than once (one hash aggregation over the rows)
     * and ranks the copies of those keys only (most specific submitter, later received, higher submission id, lower
     * row number): the first copy is the fact, the others are stored as the run's deduplicated rows, those whose
     * conflict columns differ from the fact's as its conflicts ({@code :execution}'s run-scoped results, which
     * {@link #publish} makes current). Returns the number of facts, copies and conflicts. The counted submissions
     * are the versions {@link SubmissionRepository#chooseCountedVersions} will mark, computed first
     * ({@code materialized}): a plan that expected one would look each copy's submitter up among all regions. Their
     * submitter is compared as a region code ({@code bpchar}), so that the planner knows each has at most one
     * region: compared as text, it expected 17 times the counted submissions and hashed the two million staged rows
     * to join them with those few.
     */
    private static String factsStatement(DatasetMapping dataset) {
        List<String> key = dataset.naturalKey();
        List<String> compared = dataset.conflictColumns();
        Set<String> carried = new LinkedHashSet<>(List.of("region_code"));
        carried.addAll(key);
        carried.addAll(compared);
        key.stream().map(column -> shownColumn(dataset, column)).forEach(carried::add);
        String differs = compared.isEmpty() ? "false" : compared.stream()
                .map(column -> column + " is distinct from winner_" + column)
                .collect(Collectors.joining(" or "));
        String differingColumns = compared.isEmpty() ? "''" : compared.stream()
                .map(column -> "case when " + column + " is distinct from winner_" + column + " then '" + column + "' end")
                .collect(Collectors.joining(", ", "concat_ws(',', ", ")"));
        List<String> partition = key.stream().map(column -> dataset.groupedBy("r", column)).toList();
        return """
                with counted as materialized (
                    select s.id, s.received_at, coalesce(g.rank, 0) as rank
                    from submission s
                    join (%11$s) latest on latest.id = s.id
                    left join region g on g.code = s.submitter::bpchar
                    where s.dataset = :dataset
                ),
                keyed as not materialized (
                    select r.submission_id, r.row_no, %1$s, c.rank, c.received_at
                    from %3$s r
                    join counted c on c.id = r.submission_id
                    where %4$s and %12$s
                ),
                repeated as (
                    select %9$s
                    from keyed r
                    group by %5$s
                    having count(*) > 1
                ),
                copy as (
                    select r.submission_id, r.row_no, %1$s,
                           row_number() over same_key as position,
                           first_value(r.submission_id) over same_key as winner_submission_id,
                           first_value(r.row_no) over same_key as winner_row_no%2$s
                    from keyed r
                    join repeated k on %10$s
                    window same_key as (partition by %5$s order by r.rank desc, r.received_at desc, r.submission_id desc, r.row_no)
                ),
                new_copy as (
                    insert into partition_deduplicated_row (job_execution_id, province, period, dataset, submission_id, row_no)
                    select :execution, :province, :period, :dataset, submission_id, row_no
                    from copy
                    where position > 1
                    returning 1
                ),
                new_conflict as (
                    insert into partition_conflict (job_execution_id, province, period, dataset, natural_key, sort_key,
                                                    position, winner_submission_id, winner_row_no, loser_submission_id,
                                                    loser_row_no, differing_columns)
                    select :execution, :province, :period, :dataset, concat_ws('|', %6$s), array[%13$s], position,
                           winner_submission_id, winner_row_no, submission_id, row_no, %7$s
                    from copy
                    where position > 1 and (%8$s)
                    returning 1
                )
                select (select count(*) from keyed) - (select count(*) from new_copy) as facts,
                       (select count(*) from new_copy) as duplicates,
                       (select count(*) from new_conflict) as conflicts
                """.formatted(
                        carried.stream().map(column -> "r." + column).collect(Collectors.joining(", ")),
                        compared.stream().map(column -> ",\n           first_value(r." + column + ") over same_key as winner_" + column)
                                .collect(Collectors.joining()),
                        dataset.stageTable(),
                        Facts.keyed(dataset),
                        String.join(", ", partition),
                        key.stream().map(column -> readable(dataset, column)).collect(Collectors.joining(", ")),
                        differingColumns,
                        differs,
                        IntStream.range(0, key.size())
                                .mapToObj(i -> partition.get(i) + " as key_" + i).collect(Collectors.joining(", ")),
                        IntStream.range(0, key.size())
                                .mapToObj(i -> "k.key_" + i + " = " + partition.get(i)).collect(Collectors.joining(" and ")),
                        SubmissionRepository.COUNTED_VERSIONS,
                        Facts.inPartition(dataset),
                        key.stream().map(column -> isDate(dataset, column) ? "to_char(" + column + ", 'YYYY-MM-DD')"
                                : column + "::text").collect(Collectors.joining(", ")));
    }

    /** A natural key column as text for the conflict list: dates in ISO form, everything else as shown. */
    private static String readable(DatasetMapping dataset, String column) {
        return isDate(dataset, column) ? "to_char(" + column + ", 'YYYY-MM-DD')" : shownColumn(dataset, column);
    }

    private static boolean isDate(DatasetMapping dataset, String column) {
        return dataset.column(column).map(c -> c.type() == ColumnType.DATE).orElse(false);
    }

    /** The staged column people may see of a natural key column: the masked form of resident IDs, never their hash. */
    private static String shownColumn(DatasetMapping dataset, String column) {
        return dataset.column(column).filter(c -> c.type().holdsResidentIds()).map(ColumnMapping::maskedKey).orElse(column);
    }
}
