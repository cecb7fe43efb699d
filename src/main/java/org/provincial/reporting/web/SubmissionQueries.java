package org.provincial.reporting.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionLevel;
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

    /** The file's rejections, whole-file reasons first, then by row; at most {@code limit}. */
    List<RejectionRow> rejections(long submissionId, int limit) {
        return jdbc.query("""
                select row_no, column_header, code, message, value from rejection where submission_id = ?
                order by row_no nulls first, id
                limit ?
                """, (rs, i) -> new RejectionRow(rs.getObject(1, Integer.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), submissionId, limit);
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
        // a city's block holds the city and its counties; a grouping's, its counties only
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (Region submitter : regions.expectedSubmitters(province)) {
            Region city = submitter.level() == RegionLevel.CITY ? submitter : regions.get(submitter.parentCode());
            blocks.computeIfAbsent(city.code(), code -> new Block(
                    city.level() == RegionLevel.CITY ? city.name() : "省直辖", new ArrayList<>()))
                    .cells().add(cell(submitter, counted, rejected, datasets));
        }
        return List.copyOf(blocks.values());
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
