package org.provincial.reporting.submission;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.support.DataAccessUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * The fixed SQL on the {@code submission} table, in one place (the SQL generated from the mappings stays beside its
 * generator). Runs in the caller's transaction, if any.
 */
@Repository
public class SubmissionRepository {

    private final JdbcClient jdbc;

    SubmissionRepository(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    /** A submission waiting to be ingested, with its size. */
    public record Received(long id, long sizeBytes) {
    }

    /** The first {@code limit} RECEIVED submissions of the province and period, in the order they were received. */
    public List<Received> received(String province, String period, int limit) {
        return jdbc.sql("""
                        select id, size_bytes from submission
                        where province = :province and period = :period and status = :status
                        order by received_at, id limit :limit""")
                .param("province", province).param("period", period).param("status", SubmissionStatus.RECEIVED.name())
                .param("limit", limit)
                .query((rs, i) -> new Received(rs.getLong("id"), rs.getLong("size_bytes"))).list();
    }

    /** How many submissions of the province and period are RECEIVED. */
    public int countReceived(String province, String period) {
        return jdbc.sql("""
                        select count(*) from submission
                        where province = :province and period = :period and status = :status""")
                .param("province", province).param("period", period).param("status", SubmissionStatus.RECEIVED.name())
                .query(Integer.class).single();
    }

    /** A file being registered by the collection, with the status its place, name and bytes give it. */
    public record Registration(String receiptKey, String source, String remotePath, String submitter, String fileName,
            String dataset, String period, Integer version, String format, long sizeBytes, String sha256,
            String archivePath, long collectedBy, SubmissionStatus status) {
    }

    /** An earlier file with the same bytes: its name and when it was received. */
    public record EarlierCopy(String fileName, LocalDateTime receivedAt) {
    }

    /**
     * The first file with the same bytes from the submitter for the same dataset and period, unless it was rejected for
     * its place or name (NAME_INVALID, SUBMITTER_MISMATCH).
     */
    public Optional<EarlierCopy> earlierCopy(String submitter, String sha256, String dataset, String period) {
        return jdbc.sql("""
                        select file_name, received_at from submission
                        where submitter = :submitter and sha256 = :sha256 and dataset = :dataset and period = :period
                          and status not in (:nameInvalid, :submitterMismatch)
                        order by received_at, id limit 1""")
                .param("submitter", submitter).param("sha256", sha256).param("dataset", dataset)
                .param("period", period).param("nameInvalid", SubmissionStatus.NAME_INVALID.name())
                .param("submitterMismatch", SubmissionStatus.SUBMITTER_MISMATCH.name())
                .query((rs, i) -> new EarlierCopy(rs.getString("file_name"),
                        rs.getTimestamp("received_at").toLocalDateTime()))
                .optional();
    }

    /**
     * Inserts the submission, received now, in the province of its submitter's region; returns its id, or empty when
     * its receipt key was registered before (then nothing is written).
     */
    public Optional<Long> register(Registration file) {
        return jdbc.sql("""
                        insert into submission (receipt_key, source, remote_path, submitter, province, file_name, dataset,
                                                period, version, format, size_bytes, sha256, archive_path, received_at,
                                                collected_by, status)
                        values (:receiptKey, :source, :remotePath, :submitter,
                                (select province_code from region where code = :submitter), :fileName, :dataset,
                                :period, :version, :format, :sizeBytes, :sha256, :archivePath, now(), :collectedBy,
                                :status)
                        on conflict (receipt_key) do nothing
                        returning id""")
                .param("receiptKey", file.receiptKey()).param("source", file.source())
                .param("remotePath", file.remotePath()).param("submitter", file.submitter())
                .param("fileName", file.fileName()).param("dataset", file.dataset()).param("period", file.period())
                .param("version", file.version()).param("format", file.format()).param("sizeBytes", file.sizeBytes())
                .param("sha256", file.sha256()).param("archivePath", file.archivePath())
                .param("collectedBy", file.collectedBy()).param("status", file.status().name())
                .query((rs, i) -> rs.getLong(1)).optional();
    }

    /**
     * Registers again as RECEIVED the files of the province and period rejected DUPLICATE_FILE whose bytes came before
     * only for another month or dataset (no earlier file of the same submitter, dataset and period has them, leaving
     * aside those rejected for their place or name), and drops their DUPLICATE_FILE rejection, in one statement;
     * returns how many files were registered again.
     */
    public int receiveDuplicatesOfOtherSubmissions(String province, String period) {
        return jdbc.sql("""
                        with received as (
                            update submission s set status = :received
                            where s.province = :province and s.period = :period and s.status = :duplicate
                              and not exists (select 1 from submission e
                                              where e.submitter = s.submitter and e.sha256 = s.sha256
                                                and e.dataset = s.dataset and e.period = s.period
                                                and e.status not in (:nameInvalid, :submitterMismatch) and e.id < s.id)
                            returning s.id),
                        cleared as (
                            delete from rejection r using received
                            where r.submission_id = received.id and r.row_no is null and r.code = :duplicate)
                        select count(*) from received""")
                .param("received", SubmissionStatus.RECEIVED.name()).param("province", province)
                .param("period", period).param("duplicate", SubmissionStatus.DUPLICATE_FILE.name())
                .param("nameInvalid", SubmissionStatus.NAME_INVALID.name())
                .param("submitterMismatch", SubmissionStatus.SUBMITTER_MISMATCH.name())
                .query(Integer.class).single();
    }

    /**
     * Marks counted one ACCEPTED submission per submitter and dataset of the province and period (the highest version,
     * then the later received, then the higher id), the others not, and sets every one's deduplicated rows to 0.
     */
    public void chooseCountedVersions(String province, String period) {
        jdbc.sql("""
                        with latest as (
                            %s
                        )
                        update submission s
                        set counted = s.id in (select id from latest),
                            rows_deduplicated = 0
                        where s.province = :province and s.period = :period
                        """.formatted(COUNTED_VERSIONS))
                .param("province", province).param("period", period).update();
    }

    /**
     * A select of the ids of the submissions of {@code :province} and {@code :period} that
     * {@link #chooseCountedVersions} marks counted, for statements that need the choice before it is stored.
     */
    public static final String COUNTED_VERSIONS = """
            select distinct on (submitter, dataset) id
            from submission
            where province = :province and period = :period and status = '%s'
            order by submitter, dataset, version desc nulls last, received_at desc, id desc""".formatted(SubmissionStatus.ACCEPTED.name());

    /** How many submissions of the province and period are counted. */
    public int countCounted(String province, String period) {
        return jdbc.sql("select count(*) from submission where province = :province and period = :period and counted")
                .param("province", province).param("period", period).query(Integer.class).single();
    }

    /** A counted submission: its submitter, dataset and file name. */
    public record CountedFile(long id, String submitter, String dataset, String fileName) {
    }

    /** The counted submissions of the province and period, by submitter, then by file name (byte order), then id. */
    public List<CountedFile> counted(String province, String period) {
        return jdbc.sql("""
                        select id, submitter, dataset, file_name from submission
                        where province = :province and period = :period and counted
                        order by submitter, file_name collate "C", id
                        """)
                .param("province", province).param("period", period)
                .query((rs, i) -> new CountedFile(rs.getLong("id"), rs.getString("submitter"),
                        rs.getString("dataset"), rs.getString("file_name")))
                .list();
    }

    /** What the ingest reads of a submission: who sent which dataset for which month, and where its file lies. */
    public record ToIngest(String submitter, String dataset, String period, String format, String archivePath,
            String fileName, int rowsStaged) {
    }

    /** What the ingest needs to read the submission, and how many rows it staged when it was ingested. */
    public ToIngest toIngest(long submissionId) {
        return jdbc.sql("""
                        select submitter, dataset, period, format, archive_path, file_name, rows_staged
                        from submission where id = :id""")
                .param("id", submissionId)
                .query((rs, i) -> new ToIngest(rs.getString("submitter"), rs.getString("dataset"),
                        rs.getString("period"), rs.getString("format"), rs.getString("archive_path"),
                        rs.getString("file_name"), rs.getInt("rows_staged")))
                .single();
    }

    /** Records the sheet of the submission's workbook its data was read from. */
    public void recordDataSheet(long submissionId, String sheetName) {
        jdbc.sql("update submission set data_sheet = :sheet where id = :id")
                .param("sheet", sheetName).param("id", submissionId).update();
    }

    /** Whether the submission's original was purged under the retention setting. */
    public boolean isPurged(long submissionId) {
        return jdbc.sql("select purged_at is not null from submission where id = :id").param("id", submissionId)
                .query(Boolean.class).single();
    }

    /** The sheet of the submission's workbook its data was read from; null when not recorded. */
    public String dataSheet(long submissionId) {
        return DataAccessUtils.nullableSingleResult(jdbc.sql("select data_sheet from submission where id = :id")
                .param("id", submissionId).query(String.class).list());
    }

    /** A province and a month ({@code YYYY-MM}) as the table holds them. */
    public record Period(String province, String period) {
    }

    /** The provinces and periods with submissions not purged yet, by province, then period. */
    public List<Period> keptPeriods() {
        return jdbc.sql("""
                        select distinct province, period from submission
                        where province is not null and period is not null and purged_at is null
                        order by province, period""")
                .query((rs, i) -> new Period(rs.getString("province"), rs.getString("period"))).list();
    }

    /** The submissions of the province and period not purged yet, by id, locked until the transaction ends. */
    public Long[] lockKept(String province, String period) {
        return jdbc.sql("""
                        select id from submission where province = :province and period = :period and purged_at is null
                        order by id for update""")
                .param("province", province).param("period", period).query(Long.class).list().toArray(Long[]::new);
    }

    /**
     * The submissions without a province or period (their place or name gave none) not purged yet and received before
     * the instant, by id, locked until the transaction ends.
     */
    public Long[] lockKeptWithoutPeriod(Instant receivedBefore) {
        return jdbc.sql("""
                        select id from submission
                        where (province is null or period is null) and purged_at is null and received_at < :before
                        order by id for update""")
                .param("before", Timestamp.from(receivedBefore)).query(Long.class).list().toArray(Long[]::new);
    }

    /** Archived originals, told apart by their bytes, and their total size. */
    public record Originals(int files, long bytes) {
    }

    /** The archived originals of the submissions that no other submission not purged yet shares. */
    public Originals releasedBy(Long[] submissionIds) {
        return jdbc.sql("""
                        select count(*) as files, coalesce(sum(size_bytes), 0) as bytes from (
                            select distinct s.sha256, s.size_bytes from submission s
                            where s.id = any(:ids)
                              and not exists (select 1 from submission k
                                              where k.sha256 = s.sha256 and k.purged_at is null
                                                and k.id <> all(:ids))) f""")
                .param("ids", submissionIds)
                .query((rs, i) -> new Originals(rs.getInt("files"), rs.getLong("bytes"))).single();
    }

    /** Marks the submissions purged now. */
    public void markPurged(Long[] submissionIds) {
        jdbc.sql("update submission set purged_at = now() where id = any(:ids)").param("ids", submissionIds).update();
    }

    /** An archived original: its bytes' hash, where it lies relative to the home, its size. */
    public record Original(String sha256, String archivePath, long sizeBytes) {
    }

    /** The archived originals of purged submissions that no submission not purged yet shares. */
    public List<Original> purgedOriginals() {
        return jdbc.sql("""
                        select distinct p.sha256, p.archive_path, p.size_bytes from submission p
                        where p.purged_at is not null
                          and not exists (select 1 from submission k where k.sha256 = p.sha256 and k.purged_at is null)""")
                .query((rs, i) -> new Original(rs.getString("sha256"), rs.getString("archive_path"),
                        rs.getLong("size_bytes")))
                .list();
    }

    /** The rows of the submissions of a dataset, summed: read, accepted, rejected and deduplicated. */
    public record DatasetRows(String dataset, long read, long accepted, long rejected, long deduplicated) {
    }

    /** The rows of every dataset's submissions, summed (0 where none were counted). */
    public List<DatasetRows> rowsByDataset() {
        return jdbc.sql("""
                        select dataset, coalesce(sum(rows_read), 0), coalesce(sum(rows_accepted), 0),
                               coalesce(sum(rows_rejected), 0), coalesce(sum(rows_deduplicated), 0)
                        from submission where dataset is not null group by dataset
                        """)
                .query((rs, i) -> new DatasetRows(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    private static final String ROWS = """
            select s.id, s.submitter, s.province, s.dataset, s.period, s.version, s.file_name, s.format, s.status,
                   s.counted, s.rows_read, s.rows_accepted, s.rows_rejected, s.rows_deduplicated, s.received_at,
                   s.source, (select count(*) from rejection r where r.submission_id = s.id)
            from submission s
            """;

    /** What {@link SubmissionFilter} asks for: each part is skipped when null. */
    private static final String MATCHING = """
            where (cast(:province as text) is null or s.province = :province)
              and (cast(:period as text) is null or s.period = :period)
              and (cast(:submitter as text) is null or s.submitter = :submitter)
              and (cast(:dataset as text) is null or s.dataset = :dataset)
              and (cast(:status as text) is null or s.status = :status)
            """;

    private static final RowMapper<SubmissionRow> ROW = (rs, i) -> new SubmissionRow(rs.getLong(1),
            rs.getString(2), strip(rs.getString(3)), rs.getString(4), strip(rs.getString(5)),
            rs.getObject(6, Integer.class), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
            rs.getObject(11, Integer.class), rs.getObject(12, Integer.class), rs.getObject(13, Integer.class),
            rs.getObject(14, Integer.class), rs.getObject(15, OffsetDateTime.class), rs.getString(16),
            rs.getLong(17));

    /** The submissions that match, newest first, at most {@code limit} from {@code offset} on. */
    public List<SubmissionRow> find(SubmissionFilter filter, long offset, int limit) {
        return matching(jdbc.sql(ROWS + MATCHING + " order by s.id desc limit :limit offset :offset"), filter)
                .param("limit", limit).param("offset", offset).query(ROW).list();
    }

    /** How many submissions match. */
    public long count(SubmissionFilter filter) {
        return matching(jdbc.sql("select count(*) from submission s " + MATCHING), filter).query(Long.class).single();
    }

    /** The submission, with its fate, row counts and number of rejections. */
    public Optional<SubmissionRow> find(long submissionId) {
        return jdbc.sql(ROWS + " where s.id = :id").param("id", submissionId).query(ROW).optional();
    }

    private static StatementSpec matching(StatementSpec statement, SubmissionFilter filter) {
        return statement.param("province", filter.province()).param("period", filter.period())
                .param("submitter", filter.submitter()).param("dataset", filter.dataset())
                .param("status", filter.status());
    }

    /** Where the archived original of the submission lies, relative to the home. */
    public Optional<String> archivePath(long submissionId) {
        return jdbc.sql("select archive_path from submission where id = :id").param("id", submissionId)
                .query(String.class).optional();
    }

    /** The periods the province has submissions for, newest first. */
    public List<String> periods(String province) {
        return jdbc.sql("""
                        select distinct period from submission where province = :province and period is not null
                        order by period desc""")
                .param("province", province).query(String.class).list().stream()
                .map(SubmissionRepository::strip).toList();
    }

    /** The provinces that have submissions. */
    public List<String> provinces() {
        return jdbc.sql("select distinct province from submission where province is not null order by 1")
                .query(String.class).list().stream().map(SubmissionRepository::strip).toList();
    }

    /**
     * Where a submitter stands with a dataset in a period: whether a file of it is counted, and whether one was sent
     * back whole (REJECTED or SUBMITTER_MISMATCH).
     */
    public record DatasetState(String submitter, String dataset, boolean counted, boolean sentBack) {
    }

    /** Where each submitter of the province stands with each dataset it sent files of for the period. */
    public List<DatasetState> datasetStates(String province, String period) {
        return jdbc.sql("""
                        select submitter, dataset, bool_or(counted), bool_or(status in (:rejected, :submitterMismatch))
                        from submission where province = :province and period = :period and dataset is not null
                        group by submitter, dataset
                        """)
                .param("rejected", SubmissionStatus.REJECTED.name())
                .param("submitterMismatch", SubmissionStatus.SUBMITTER_MISMATCH.name())
                .param("province", province).param("period", period)
                .query((rs, i) -> new DatasetState(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getBoolean(4)))
                .list();
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /**
     * Records the ingest's verdict on a submission: its status and row counts (the rows it left staged too), by which
     * execution, when.
     */
    public void conclude(long submissionId, SubmissionStatus status, int rowsRead, int rowsAccepted, int rowsStaged,
            long jobExecutionId) {
        jdbc.sql("""
                        update submission set status = :status, rows_read = :read, rows_accepted = :accepted,
                               rows_rejected = :rejected, rows_staged = :staged, processed_by = :execution,
                               processed_at = now()
                        where id = :id""")
                .param("status", status.name()).param("read", rowsRead).param("accepted", rowsAccepted)
                .param("rejected", rowsRead - rowsAccepted).param("staged", rowsStaged)
                .param("execution", jobExecutionId)
                .param("id", submissionId).update();
    }

    /**
     * What a run's submissions come to: the files its executions received, the province and period's files counted
     * in its totals, and those rejected (whole by the ingest, or by the collection for their name), with the rows of
     * the counted files.
     */
    public record RunCounts(int filesReceived, int filesCounted, int filesRejected, long rowsAccepted,
            long rowsRejected, long rowsDeduplicated) {
    }

    /** The figures of a run of the province and period, made by the executions given (a run and those it restarted). */
    public RunCounts runCounts(String province, String period, Long[] executionIds) {
        int received = jdbc.sql("select count(*) from submission where collected_by = any(:executions)")
                .param("executions", executionIds).query(Integer.class).single();
        int counted = countCounted(province, period);
        int rejected = jdbc.sql("""
                        select count(*) from submission
                        where (province = :province and period = :period and status = :rejected)
                           or (collected_by = any(:executions) and status in (:refused))""")
                .param("province", province).param("period", period)
                .param("rejected", SubmissionStatus.REJECTED.name()).param("executions", executionIds)
                .param("refused", List.of(SubmissionStatus.NAME_INVALID.name(),
                        SubmissionStatus.SUBMITTER_MISMATCH.name()))
                .query(Integer.class).single();
        return jdbc.sql("""
                        select coalesce(sum(rows_accepted), 0), coalesce(sum(rows_rejected), 0),
                               coalesce(sum(rows_deduplicated), 0)
                        from submission where province = :province and period = :period and counted""")
                .param("province", province).param("period", period)
                .query((rs, i) -> new RunCounts(received, counted, rejected, rs.getLong(1), rs.getLong(2),
                        rs.getLong(3)))
                .single();
    }

    /** The submitters whose files count in the province and period's totals. */
    public List<String> countedSubmitters(String province, String period) {
        return jdbc.sql("""
                        select distinct submitter from submission
                        where province = :province and period = :period and counted""")
                .param("province", province).param("period", period).query(String.class).list();
    }

    /** The sources, password masked, that the province and period's files came from. */
    public List<String> sources(String province, String period) {
        return jdbc.sql("select distinct source from submission where province = :province and period = :period")
                .param("province", province).param("period", period).query(String.class).list();
    }
}
