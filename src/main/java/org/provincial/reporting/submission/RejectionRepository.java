package org.provincial.reporting.submission;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fixed SQL on the {@code rejection} table, the reasons a file or a row of a submission was rejected, in one place
 * (the ingest's COPY of row reasons and the SQL generated from the mappings stay beside their generators). Runs in
 * the caller's transaction, if any.
 */
@Repository
public class RejectionRepository {

    /** Rows fetched at a time where every reason of many files is read, so that memory stays bounded. */
    private static final int FETCH_SIZE = 1000;

    private final JdbcClient jdbc;
    private final JdbcClient fetching;

    RejectionRepository(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        JdbcTemplate fetchingTemplate = new JdbcTemplate(jdbc.getDataSource());
        fetchingTemplate.setFetchSize(FETCH_SIZE);
        this.fetching = JdbcClient.create(fetchingTemplate);
    }

    /** The column filter of whole-row and whole-file reasons, which name no column. */
    public static final String NO_COLUMN = "-";

    /** The reasons of a file that match: each part is skipped when null; the column {@value #NO_COLUMN} is a whole-row or whole-file reason. */
    private static final String MATCHING = """
            where submission_id = :submission and (cast(:code as text) is null or code = :code)
              and (cast(:column as text) is null or coalesce(column_header, '-') = :column)
            """;

    /**
     * The file's reasons of a code and a column (each null for any), whole-file reasons first, then by row; at most
     * {@code limit} from {@code offset} on.
     */
    public List<RejectionRow> find(long submissionId, String code, String column, long offset, int limit) {
        return jdbc.sql("select row_no, column_header, code, message, value from rejection " + MATCHING
                        + " order by row_no nulls first, id limit :limit offset :offset")
                .param("submission", submissionId).param("code", code).param("column", column)
                .param("limit", limit).param("offset", offset)
                .query((rs, i) -> new RejectionRow(rs.getObject(1, Integer.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    /** How many of the file's reasons have the code and column (each null for any). */
    public long count(long submissionId, String code, String column) {
        return jdbc.sql("select count(*) from rejection " + MATCHING)
                .param("submission", submissionId).param("code", code).param("column", column)
                .query(Long.class).single();
    }

    /** How many of a file's reasons have one code. */
    public record CodeTally(String code, long count) {
    }

    /** The file's reasons by code, the most frequent first. */
    public List<CodeTally> codes(long submissionId) {
        return jdbc.sql("""
                        select code, count(*) from rejection where submission_id = :submission
                        group by code order by 2 desc, 1""")
                .param("submission", submissionId)
                .query((rs, i) -> new CodeTally(rs.getString(1), rs.getLong(2))).list();
    }

    /** The columns the file's reasons name, in the order of the file ({@value #NO_COLUMN} for whole-row and whole-file reasons). */
    public List<String> columns(long submissionId) {
        return jdbc.sql("""
                        select coalesce(column_header, '-') from rejection where submission_id = :submission
                        group by 1 order by min(column_index) nulls first, 1""")
                .param("submission", submissionId).query(String.class).list();
    }

    /** Records a reason to reject the whole file, with the column it concerns and the value found, each may be null. */
    public void addFileReason(long submissionId, String columnKey, String columnHeader, String code, String message,
            String value) {
        jdbc.sql("""
                        insert into rejection (submission_id, row_no, column_key, column_header, code, message, value)
                        values (:submission, null, :columnKey, :columnHeader, :code, :message, :value)""")
                .param("submission", submissionId).param("columnKey", columnKey).param("columnHeader", columnHeader)
                .param("code", code).param("message", message).param("value", value).update();
    }

    /**
     * Deletes the reasons an earlier ingest of the submission recorded, keeping those its collection gave (its whole
     * file NAME_INVALID, SUBMITTER_MISMATCH or DUPLICATE_FILE).
     */
    public void clearIngestReasons(long submissionId) {
        jdbc.sql("""
                        delete from rejection
                        where submission_id = :submission and code not in (:nameInvalid, :submitterMismatch, :duplicate)""")
                .param("submission", submissionId).param("nameInvalid", SubmissionStatus.NAME_INVALID.name())
                .param("submitterMismatch", SubmissionStatus.SUBMITTER_MISMATCH.name())
                .param("duplicate", SubmissionStatus.DUPLICATE_FILE.name()).update();
    }

    /**
     * Records the reason {@code code} for each row of {@code rows}, its message the PostgreSQL {@code format()}
     * template {@code messageTemplate} of the same place in {@code firstRows}.
     */
    public void addRowReasons(long submissionId, String code, String messageTemplate, int[] rows, int[] firstRows) {
        jdbc.sql("""
                        insert into rejection (submission_id, row_no, code, message)
                        select :submission, c.row_no, :code, format(:template, c.first_row)
                        from unnest(cast(:rows as int[]), cast(:firstRows as int[])) as c (row_no, first_row)""")
                .param("submission", submissionId).param("code", code).param("template", messageTemplate)
                .param("rows", rows).param("firstRows", firstRows).update();
    }

    /** How many rows of the submission have a reason other than {@code notCounted}. */
    public int countRowsWithReasons(long submissionId, String notCounted) {
        return jdbc.sql("""
                        select count(distinct row_no) from rejection
                        where submission_id = :submission and row_no is not null and code <> :notCounted""")
                .param("submission", submissionId).param("notCounted", notCounted).query(Integer.class).single();
    }

    /** Which of the submissions have a row with a reason other than {@code notCounted}. */
    public List<Long> withRowReasons(Long[] submissionIds, String notCounted) {
        return jdbc.sql("""
                        select distinct submission_id from rejection where submission_id = any(:submissions)
                          and row_no is not null and code <> :notCounted""")
                .param("submissions", submissionIds).param("notCounted", notCounted).query(Long.class).list();
    }

    /** Whether a row reason of the submission names its column but not where it stood (recorded before V14). */
    public boolean hasRowReasonsWithoutColumnIndex(long submissionId) {
        return jdbc.sql("""
                        select exists (select 1 from rejection
                                       where submission_id = :submission and row_no is not null
                                         and column_key is not null and column_index is null)""")
                .param("submission", submissionId).query(Boolean.class).single();
    }

    /** A reason a row was rejected, with the column it concerns (null for the whole row) and where that stood. */
    public record RowReason(int rowNo, String columnKey, Integer columnIndex, String message, String visibleCell) {
    }

    /** The submission's row reasons other than {@code notCounted}, by row, in the order recorded. */
    public void forEachRowReason(long submissionId, String notCounted, Consumer<RowReason> action) {
        jdbc.sql("""
                        select row_no, column_key, column_index, message, visible_cell from rejection
                        where submission_id = :submission and row_no is not null and code <> :notCounted
                        order by row_no, id""")
                .param("submission", submissionId).param("notCounted", notCounted)
                .query((RowCallbackHandler) rs -> action.accept(new RowReason(rs.getInt(1), rs.getString(2),
                        rs.getObject(3, Integer.class), rs.getString(4), rs.getString(5))));
    }

    /** A reason to reject a whole file. */
    public record FileReason(long submissionId, String message) {
    }

    /** The whole-file reasons of the submissions, by submission, in the order recorded. */
    public List<FileReason> fileReasons(Long[] submissionIds) {
        return fetching.sql("""
                        select submission_id, message from rejection
                        where submission_id = any(:submissions) and row_no is null order by submission_id, id""")
                .param("submissions", submissionIds)
                .query((rs, i) -> new FileReason(rs.getLong(1), rs.getString(2))).list();
    }

    /** A reason of a file's, with the file's name and dataset; the row is null for a whole-file reason. */
    public record Reason(String fileName, String dataset, Integer rowNo, String columnKey, String columnHeader,
            String code, String message, String value) {
    }

    /**
     * Every reason of the submissions, read a part at a time: by file name (byte order), then received, then by row,
     * whole-file reasons first, then in the order recorded.
     */
    public void forEachReason(Long[] submissionIds, Consumer<Reason> action) {
        fetching.sql("""
                        select s.file_name, s.dataset, r.row_no, r.column_key, r.column_header, r.code, r.message,
                               r.value
                        from rejection r join submission s on s.id = r.submission_id
                        where r.submission_id = any(:submissions)
                        order by s.file_name collate "C", s.received_at, s.id, r.row_no nulls first, r.id""")
                .param("submissions", submissionIds)
                .query((RowCallbackHandler) rs -> action.accept(new Reason(rs.getString(1), rs.getString(2),
                        rs.getObject(3, Integer.class), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8))));
    }
}
