package org.provincial.reporting.dedup;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.provincial.reporting.reference.DatasetMapping;

/**
 * The facts of a dataset (SPEC §5) as SQL: the valid staged rows of the counted submissions of a province and
 * period that carry a region and every natural key column, less the copies that deduplication left out
 * ({@code deduplicated_row}). Facts are not stored: only the copies are, a small part of the rows.
 */
public final class Facts {

    private Facts() {
    }

    /**
     * A select of the columns given of every fact of the dataset in {@code :province} and the months
     * {@code :periods} (a text array); the staged row is aliased {@code r}, its submission {@code s}: a column
     * without an alias is the staged row's.
     */
    public static String select(DatasetMapping dataset, Collection<String> columns) {
        return submitted(dataset, columns) + """

                  and not exists (select 1 from deduplicated_row d
                                  where d.submission_id = r.submission_id and d.row_no = r.row_no)""";
    }

    /**
     * Like {@link #select}, the rows each counted submission holds itself, copies of other files' rows included:
     * what each file says before deduplication across files (the checks of each submission, SPEC §11).
     */
    public static String submitted(DatasetMapping dataset, Collection<String> columns) {
        return """
                select %s
                from %s r
                join submission s on s.id = r.submission_id
                where s.province = :province and s.period = any(cast(:periods as bpchar[])) and s.counted and %s"""
                .formatted(list(columns), dataset.stageTable(), keyed(dataset));
    }

    /**
     * Like {@link #submitted}, the rows one submission {@code :submission} holds itself that would count once it is
     * counted: its rows whatever its state (e.g. as its ingest concludes). Aliases as in {@link #select}, without
     * {@code s}.
     */
    public static String ofSubmission(DatasetMapping dataset, Collection<String> columns) {
        return """
                select %s
                from %s r
                where r.submission_id = :submission and %s""".formatted(list(columns), dataset.stageTable(), keyed(dataset));
    }

    /**
     * The columns a dataset's rows are partitioned by (issue 19): its natural key up to the first column that is not
     * the region, i.e. the entity the key starts with (a person, a recipient, a credit code; a region's voucher; a
     * region). Every copy of a fact, and every row of one entity, has the same values there.
     */
    public static List<String> partitionColumns(DatasetMapping dataset) {
        List<String> key = dataset.naturalKey();
        int entity = 0;
        while (entity < key.size() - 1 && key.get(entity).equals("region_code")) {
            entity++;
        }
        return key.subList(0, entity + 1);
    }

    /**
     * The condition a staged row {@code r} meets to fall in partition {@code :partition} of {@code :partitions}: a
     * hash of its {@link #partitionColumns} (as text, the form grouping compares), always true for one partition.
     */
    public static String inPartition(DatasetMapping dataset) {
        return "(:partitions = 1 or mod(abs(hashtext(concat_ws('|', %s))::bigint), :partitions) = :partition)"
                .formatted(list(partitionColumns(dataset)));
    }

    private static String list(Collection<String> columns) {
        return columns.stream().map(column -> column.contains(".") ? column : "r." + column).collect(Collectors.joining(", "));
    }

    /** The condition a staged row {@code r} of a counted submission meets to be a fact or a copy of one. */
    static String keyed(DatasetMapping dataset) {
        Set<String> present = new LinkedHashSet<>(List.of("region_code"));
        present.addAll(dataset.naturalKey());
        return "r.valid and " + present.stream().map(column -> "r." + column + " is not null")
                .collect(Collectors.joining(" and "));
    }
}
