package org.provincial.reporting.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.provincial.reporting.ingest.validate.ErrorTypes;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.web.Completeness.Block;
import org.provincial.reporting.web.Completeness.Cell;
import org.provincial.reporting.web.Completeness.State;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads received submissions, their rejections and the completeness of a province's period. */
@Component
class SubmissionQueries {

    private static final String SELECT = """
            select s.id, s.submitter, s.province, s.dataset, s.period, s.version, s.file_name, s.format, s.status,
                   s.counted, s.rows_read, s.rows_accepted, s.rows_rejected, s.rows_deduplicated, s.received_at,
                   s.source, (select count(*) from rejection r where r.submission_id = s.id)
            from submission s
            """;

    /** What {@link SubmissionFilter} asks for: each part is skipped when null; see {@link #matching}. */
    private static final String MATCHING = """
            where (?::text is null or s.province = ?) and (?::text is null or s.period = ?)
              and (?::text is null or s.submitter = ?) and (?::text is null or s.dataset = ?)
              and (?::text is null or s.status = ?)
            """;

    /** The column filter of whole-row and whole-file reasons, which name no column. */
    static final String NO_COLUMN = "-";

    private static final RowMapper<SubmissionRow> ROW = (rs, i) -> new SubmissionRow(rs.getLong(1),
            rs.getString(2), trim(rs.getString(3)), rs.getString(4), trim(rs.getString(5)),
            rs.getObject(6, Integer.class), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
            rs.getObject(11, Integer.class), rs.getObject(12, Integer.class), rs.getObject(13, Integer.class),
            rs.getObject(14, Integer.class), rs.getObject(15, OffsetDateTime.class), rs.getString(16),
            rs.getLong(17));

    private final JdbcTemplate jdbc;
    private final RegionReference regions;
    private final DatasetMappings mappings;

    SubmissionQueries(JdbcTemplate jdbc, RegionReference regions, DatasetMappings mappings) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.mappings = mappings;
    }

    /** The submissions that match, newest first, at most {@code limit} from {@code offset} on. */
    List<SubmissionRow> find(SubmissionFilter filter, long offset, int limit) {
        return jdbc.query(SELECT + MATCHING + " order by s.id desc limit ? offset ?", ROW,
                matching(filter, limit, offset));
    }

    /** How many submissions match. */
    long count(SubmissionFilter filter) {
        return jdbc.queryForObject("select count(*) from submission s " + MATCHING, Long.class, matching(filter));
    }

    Optional<SubmissionRow> find(long id) {
        return jdbc.query(SELECT + " where s.id = ?", ROW, id).stream().findFirst();
    }

    /** The rejections of a file that match: each part is skipped when null; the column {@value #NO_COLUMN} is a whole-row or whole-file reason. */
    private static final String REJECTIONS_MATCHING = """
            where submission_id = ? and (?::text is null or code = ?)
              and (?::text is null or coalesce(column_header, '-') = ?)
            """;

    /**
     * The file's rejections of a code and a column (each null for any), whole-file reasons first, then by row; at
     * most {@code limit} from {@code offset} on.
     */
    List<RejectionRow> rejections(long submissionId, String code, String column, long offset, int limit) {
        return jdbc.query("select row_no, column_header, code, message, value from rejection " + REJECTIONS_MATCHING
                + " order by row_no nulls first, id limit ? offset ?",
                (rs, i) -> new RejectionRow(rs.getObject(1, Integer.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), submissionId, code, code, column, column, limit, offset);
    }

    /** How many of the file's rejections have the code and column (each null for any). */
    long countRejections(long submissionId, String code, String column) {
        return jdbc.queryForObject("select count(*) from rejection " + REJECTIONS_MATCHING, Long.class, submissionId,
                code, code, column, column);
    }

    /** The file's rejections by code, the most frequent first, with their Chinese error type. */
    List<CodeCount> rejectionCodes(long submissionId) {
        return jdbc.query("""
                select code, count(*) from rejection where submission_id = ? group by code order by 2 desc, 1
                """, (rs, i) -> new CodeCount(rs.getString(1), ErrorTypes.of(rs.getString(1)), rs.getLong(2)),
                submissionId);
    }

    /** The columns the file's rejections name, in the order of the file ({@value #NO_COLUMN} for whole-row and whole-file reasons). */
    List<String> rejectionColumns(long submissionId) {
        return jdbc.queryForList("""
                select coalesce(column_header, '-') from rejection where submission_id = ?
                group by 1 order by min(column_index) nulls first, 1""", String.class, submissionId);
    }

    /** Where the archived original of the file lies, relative to the home. */
    Optional<String> archivePath(long submissionId) {
        return jdbc.queryForList("select archive_path from submission where id = ?", String.class, submissionId)
                .stream().findFirst();
    }

    /** Where the latest annotated copy of the file kept in the home lies, relative to it, unless purged. */
    Optional<String> annotatedCopy(long submissionId) {
        return jdbc.queryForList("""
                select path from annotated_copy where submission_id = ? and kind = 'home' and removed_at is null
                order by id desc limit 1""", String.class, submissionId).stream().findFirst();
    }

    /** How many of a file's rejections have one code, and the code's Chinese error type. */
    record CodeCount(String code, String type, long count) {
    }

    /** The periods the province has submissions for, newest first. */
    List<String> periods(String province) {
        return jdbc.queryForList("select distinct period from submission where province = ? and period is not null"
                + " order by period desc", String.class, province).stream().map(SubmissionQueries::trim).toList();
    }

    /** The provinces that have submissions. */
    List<String> provinces() {
        return jdbc.queryForList("select distinct province from submission where province is not null order by 1",
                String.class).stream().map(SubmissionQueries::trim).toList();
    }

    /**
     * Every expected submitter of the province with its state for the period (all datasets counted, some, none but
     * files sent back, or nothing received), grouped by city or grouping.
     */
    List<Block> completeness(String province, String period) {
        Map<String, List<String>> counted = new HashMap<>();
        Map<String, List<String>> rejected = new HashMap<>();
        jdbc.query("""
                select submitter, dataset, bool_or(counted), bool_or(status in ('REJECTED', 'SUBMITTER_MISMATCH'))
                from submission where province = ? and period = ? and dataset is not null
                group by submitter, dataset
                """, rs -> {
                    String title = mappingTitle(rs.getString(2));
                    if (rs.getBoolean(3)) {
                        counted.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(title);
                    }
                    else if (rs.getBoolean(4)) {
                        rejected.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(title);
                    }
                }, province, period);
        int datasets = DatasetMappings.DATASETS.size();
        return Completeness.groups(regions, province).stream()
                .map(group -> new Block(group.name(), group.submitters().stream()
                        .map(submitter -> cell(submitter, counted, rejected, datasets)).toList()))
                .toList();
    }

    private String mappingTitle(String dataset) {
        return mappings.all().stream().filter(m -> m.dataset().equals(dataset)).findFirst().map(m -> m.title())
                .orElse(dataset);
    }

    private static Cell cell(Region region, Map<String, List<String>> counted, Map<String, List<String>> rejected,
            int datasets) {
        List<String> in = counted.getOrDefault(region.code(), List.of());
        List<String> back = rejected.getOrDefault(region.code(), List.of());
        State state = in.size() >= datasets ? State.SUBMITTED
                : !in.isEmpty() ? State.PARTLY
                : !back.isEmpty() ? State.REJECTED
                : State.MISSING;
        return new Cell(region.code(), region.name(), state, in, back);
    }

    /** The arguments of {@link #MATCHING} for the filter, followed by those of the rest of the statement. */
    private static Object[] matching(SubmissionFilter filter, Object... more) {
        List<Object> arguments = new ArrayList<>();
        for (String part : new String[] { filter.province(), filter.period(), filter.submitter(), filter.dataset(),
                filter.status() }) {
            arguments.add(part);
            arguments.add(part);
        }
        arguments.addAll(List.of(more));
        return arguments.toArray();
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
