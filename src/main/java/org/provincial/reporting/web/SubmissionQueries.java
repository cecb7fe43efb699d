package org.provincial.reporting.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.submission.ErrorTypes;
import org.provincial.reporting.submission.RejectionRepository;
import org.provincial.reporting.submission.RejectionRow;
import org.provincial.reporting.submission.SubmissionFilter;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.DatasetState;
import org.provincial.reporting.submission.SubmissionRow;
import org.provincial.reporting.web.Completeness.Block;
import org.provincial.reporting.web.Completeness.Cell;
import org.provincial.reporting.web.Completeness.State;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the web shows of received submissions and their rejections (read through {@link SubmissionRepository} and
 * {@link RejectionRepository}), and the completeness of a province's period.
 */
@Component
class SubmissionQueries {

    /** The column filter of whole-row and whole-file reasons, which name no column. */
    static final String NO_COLUMN = RejectionRepository.NO_COLUMN;

    private final JdbcTemplate jdbc;
    private final SubmissionRepository submissions;
    private final RejectionRepository rejections;
    private final RegionReference regions;
    private final DatasetMappings mappings;
    private final MessageSourceAccessor texts;

    SubmissionQueries(JdbcTemplate jdbc, SubmissionRepository submissions, RejectionRepository rejections,
            RegionReference regions, DatasetMappings mappings, MessageSourceAccessor texts) {
        this.jdbc = jdbc;
        this.submissions = submissions;
        this.rejections = rejections;
        this.regions = regions;
        this.mappings = mappings;
        this.texts = texts;
    }

    /** The submissions that match, newest first, at most {@code limit} from {@code offset} on. */
    List<SubmissionRow> find(SubmissionFilter filter, long offset, int limit) {
        return submissions.find(filter, offset, limit);
    }

    /** How many submissions match. */
    long count(SubmissionFilter filter) {
        return submissions.count(filter);
    }

    Optional<SubmissionRow> find(long id) {
        return submissions.find(id);
    }

    /**
     * The file's rejections of a code and a column (each null for any), whole-file reasons first, then by row; at
     * most {@code limit} from {@code offset} on.
     */
    List<RejectionRow> rejections(long submissionId, String code, String column, long offset, int limit) {
        return rejections.find(submissionId, code, column, offset, limit);
    }

    /** How many of the file's rejections have the code and column (each null for any). */
    long countRejections(long submissionId, String code, String column) {
        return rejections.count(submissionId, code, column);
    }

    /** The file's rejections by code, the most frequent first, with their Chinese error type. */
    List<CodeCount> rejectionCodes(long submissionId) {
        return rejections.codes(submissionId).stream()
                .map(tally -> new CodeCount(tally.code(), ErrorTypes.of(tally.code()), tally.count())).toList();
    }

    /** The columns the file's rejections name, in the order of the file ({@value #NO_COLUMN} for whole-row and whole-file reasons). */
    List<String> rejectionColumns(long submissionId) {
        return rejections.columns(submissionId);
    }

    /** Where the archived original of the file lies, relative to the home. */
    Optional<String> archivePath(long submissionId) {
        return submissions.archivePath(submissionId);
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
        return submissions.periods(province);
    }

    /** The provinces that have submissions. */
    List<String> provinces() {
        return submissions.provinces();
    }

    /**
     * Every expected submitter of the province with its state for the period (all datasets counted, some, none but
     * files sent back, or nothing received), grouped by city or grouping.
     */
    List<Block> completeness(String province, String period) {
        Map<String, List<String>> counted = new HashMap<>();
        Map<String, List<String>> rejected = new HashMap<>();
        for (DatasetState state : submissions.datasetStates(province, period)) {
            String title = mappingTitle(state.dataset());
            if (state.counted()) {
                counted.computeIfAbsent(state.submitter(), s -> new ArrayList<>()).add(title);
            }
            else if (state.sentBack()) {
                rejected.computeIfAbsent(state.submitter(), s -> new ArrayList<>()).add(title);
            }
        }
        int datasets = DatasetMappings.DATASETS.size();
        return groups(province).stream()
                .map(group -> new Block(group.name(), group.submitters().stream()
                        .map(submitter -> cell(submitter, counted, rejected, datasets)).toList()))
                .toList();
    }

    /** The province's expected submitters by city, those directly under the province in the group 省直辖. */
    List<Completeness.Group> groups(String province) {
        return Completeness.groups(regions, province, texts.getMessage("completeness.group.directly-under"));
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
}
