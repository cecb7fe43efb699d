package org.provincial.reporting.ingest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.provincial.reporting.ingest.read.FileFormat;
import org.provincial.reporting.ingest.read.SheetRow;
import org.provincial.reporting.ingest.read.TableReader;
import org.provincial.reporting.ingest.read.TableReaders;
import org.provincial.reporting.ingest.read.UnreadableFileException;
import org.provincial.reporting.ingest.validate.HeaderLayout;
import org.provincial.reporting.ingest.validate.HeaderLocator;
import org.provincial.reporting.ingest.validate.Messages;
import org.provincial.reporting.ingest.validate.RowValidator;
import org.provincial.reporting.ingest.validate.SummaryRows;
import org.provincial.reporting.ingest.validate.ValidatedRow;
import org.provincial.reporting.ingest.validate.Violation;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.RejectionCode;
import org.provincial.reporting.submission.RejectionRepository;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.ToIngest;
import org.provincial.reporting.submission.SubmissionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads one received file, validates every row and stages it with COPY, all in the caller's transaction: a crash
 * part-way leaves nothing behind, and ingesting the same submission again replaces what an earlier attempt left.
 * Resident IDs are staged as keyed hashes beside their masked form, never in clear.
 */
@Service
public class SubmissionIngester {

    private static final Logger log = LoggerFactory.getLogger(SubmissionIngester.class);

    /** The header row must stand within the first rows of a file. */
    private static final int HEADER_SEARCH_ROWS = 50;

    private static final List<String> REJECTION_COLUMNS =
            List.of("submission_id", "row_no", "column_key", "column_header", "column_index", "code", "message", "value",
                    "visible_cell");

    /** The message of DUPLICATE_ROW as a PostgreSQL format() template of the first row's number. */
    private static final String DUPLICATE_ROW_TEMPLATE = Messages.duplicateRowMessage(-1).replace("-1", "%1$s");

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final DatasetMappings mappings;
    private final RegionReference regions;
    private final ReportingHome home;
    private final ResidentIdHashes residentIds;
    private final SubmissionRepository submissions;
    private final RejectionRepository rejections;

    /** Keys of one file held while it is read to find its duplicate rows; past it, they are found in SQL. */
    private final int inFileKeyLimit;

    SubmissionIngester(JdbcTemplate jdbc, DataSource dataSource, DatasetMappings mappings, RegionReference regions,
            ReportingHome home, ResidentIdHashes residentIds, SubmissionRepository submissions,
            RejectionRepository rejections, @Value("${reporting.ingest.in-file-keys}") int inFileKeyLimit) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.mappings = mappings;
        this.regions = regions;
        this.home = home;
        this.residentIds = residentIds;
        this.submissions = submissions;
        this.rejections = rejections;
        this.inFileKeyLimit = inFileKeyLimit;
    }

    /** Ingests a submission in the RECEIVED state; {@code rejectThreshold} is the share of invalid rows tolerated. */
    @Transactional(propagation = Propagation.MANDATORY)
    public IngestOutcome ingest(long submissionId, double rejectThreshold, long jobExecutionId) {
        ToIngest submission = submissions.toIngest(submissionId);
        DatasetMapping mapping = mappings.get(submission.dataset());
        String fileName = submission.fileName();
        clearEarlierAttempt(submissionId, mapping);

        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            FileOutcome file = stage(submissionId, mapping, submission.submitter(),
                    YearMonth.parse(submission.period().trim()),
                    FileFormat.fromExtension(submission.format()).orElseThrow(),
                    home.root().resolve(submission.archivePath()), "rejection", connection);
            if (file.rows() > 0) {
                markDuplicateRows(submissionId, mapping, file.duplicates());
            }
            return conclude(submissionId, fileName, mapping, file, rejectThreshold, jobExecutionId);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Stages again, from its archived original, the rows of an accepted submission that PostgreSQL lost (its stage
     * tables are unlogged: a crash empties them), in the caller's transaction: the same rows as when it was ingested,
     * those that repeated an earlier row marked invalid again. Its rejections, kept, are not written again.
     *
     * @throws IllegalStateException when the original no longer gives the number of rows staged from it before
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void restage(long submissionId) {
        ToIngest submission = submissions.toIngest(submissionId);
        DatasetMapping mapping = mappings.get(submission.dataset());
        jdbc.update("delete from " + mapping.stageTable() + " where submission_id = ?", submissionId);
        // the rows' rejections are stored already: staging writes them again into a table dropped at commit
        jdbc.execute("create temp table restaged_rejection on commit drop as select "
                + String.join(", ", REJECTION_COLUMNS) + " from rejection with no data");
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            FileOutcome file = stage(submissionId, mapping, submission.submitter(),
                    YearMonth.parse(submission.period().trim()),
                    FileFormat.fromExtension(submission.format()).orElseThrow(),
                    home.root().resolve(submission.archivePath()), "restaged_rejection", connection);
            if (!file.violations().isEmpty() || file.rows() != submission.rowsStaged()) {
                // the step's failure reason is read on the run's page and in the summary, which are in Chinese
                throw new IllegalStateException("无法从存档 " + submission.archivePath() + " 重新载入 " + submission.fileName()
                        + "（报送 " + submissionId + "）：现在读出 " + file.rows() + " 行，当初载入的是 "
                        + submission.rowsStaged() + " 行；请核对存档文件后重新运行");
            }
            markRejectedDuplicates(submissionId, mapping.stageTable());
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void clearEarlierAttempt(long submissionId, DatasetMapping mapping) {
        jdbc.update("delete from " + mapping.stageTable() + " where submission_id = ?", submissionId);
        rejections.clearIngestReasons(submissionId);
    }

    /** Streams the file into the staging table and the rejections' table; returns the file-level verdict. */
    private FileOutcome stage(long submissionId, DatasetMapping mapping, String submitter, YearMonth period,
            FileFormat format, Path file, String rejectionTable, Connection connection) {
        List<String> stageColumns = new ArrayList<>(List.of("submission_id", "row_no", "valid"));
        mapping.columns().forEach(c -> stageColumns.add(c.key()));
        ColumnType[] types = mapping.columns().stream().map(ColumnMapping::type).toArray(ColumnType[]::new);
        mapping.columns().stream().filter(c -> c.type().holdsResidentIds()).forEach(c -> stageColumns.add(c.maskedKey()));
        ResidentIdHashes.Hasher hasher = residentIds.hasher();
        RowValidator validator = new RowValidator(mapping, regions, submitter, period);
        HeaderLocator headerLocator = new HeaderLocator(mapping);

        int rows = 0;
        int rowsOffered = 0;
        int rowsBeforeHeader = 0;
        HeaderLayout layout = null;
        List<String> headerCells = List.of();
        List<String> sheetsLookedAt = new ArrayList<>();
        CopyBuffer staged = new CopyBuffer(mapping.stageTable(), stageColumns);
        CopyBuffer rejected = new CopyBuffer(rejectionTable, REJECTION_COLUMNS);
        InFileDuplicates duplicates = new InFileDuplicates(
                mapping.naturalKey().stream().mapToInt(mapping::indexOf).toArray(), inFileKeyLimit);
        try (TableReader reader = TableReaders.open(file, format)) {
            lookAt(reader, sheetsLookedAt);
            for (SheetRow row = reader.next(); row != null || layout == null && nextSheet(reader, sheetsLookedAt);
                    row = reader.next()) {
                if (row == null) {
                    rowsBeforeHeader = 0;
                    continue;
                }
                if (layout == null) {
                    rowsOffered++;
                    Optional<HeaderLayout> header = headerLocator.offer(row.rowNumber(), row.cells());
                    if (header.isPresent()) {
                        layout = header.get();
                        headerCells = row.cells();
                        recordDataSheet(submissionId, reader.sheetName());
                    }
                    else if (++rowsBeforeHeader >= HEADER_SEARCH_ROWS) {
                        if (!nextSheet(reader, sheetsLookedAt)) {
                            break;
                        }
                        rowsBeforeHeader = 0;
                    }
                    continue;
                }
                if (row.rowNumber() == layout.headerRowNumber() + 1 && HeaderLocator.isUnitRow(headerCells, row.cells())) {
                    continue;
                }
                String summary = SummaryRows.firstCellIfSummary(row.cells());
                if (summary != null) {
                    addRejection(rejected, submissionId, row.rowNumber(), new Violation(null, null,
                            RejectionCode.ROW_IGNORED, Messages.rowIgnored(summary), null), -1, null);
                    continue;
                }
                ValidatedRow validated = validator.validate(row.rowNumber(), row.cells(), layout);
                duplicates.offer(validated.rowNumber(), validated.valid(), validated.values());
                staged.add(submissionId).add(validated.rowNumber()).add(validated.valid());
                addValues(staged, validated.values(), types, hasher);
                staged.endRow();
                for (Violation violation : validated.violations()) {
                    int column = layout.columnIndexes()[mapping.indexOf(violation.columnKey())];
                    String topLeft = row.mergedFrom().isEmpty() ? null : row.mergedFrom().get(column);
                    addRejection(rejected, submissionId, validated.rowNumber(), topLeft == null ? violation
                            : new Violation(violation.columnKey(), violation.columnHeader(), violation.code(),
                                    violation.message() + Messages.inMergedCell(topLeft), violation.value()),
                            column, topLeft);
                }
                rows++;
                if (rejected.full()) {
                    // the rows' COPY holds the connection: end it to store the rejections, then go on with a new one
                    staged.finish(connection);
                    rejected.finish(connection);
                }
                else if (staged.ready()) {
                    staged.send(connection);
                }
            }
            staged.finish(connection);
            rejected.finish(connection);
        }
        catch (UnreadableFileException e) {
            // the reasons found before the file broke off are kept, whatever the file's size
            staged.finish(connection);
            rejected.finish(connection);
            return FileOutcome.rejectedWhole(rows, List.of(fileViolation(RejectionCode.UNREADABLE, e.getMessage())));
        }
        finally {
            staged.close();
            rejected.close();
        }
        if (layout == null) {
            return rowsOffered == 0
                    ? FileOutcome.rejectedWhole(0, List.of(fileViolation(RejectionCode.EMPTY, Messages.empty())))
                    : FileOutcome.rejectedWhole(0, headerLocator.missingColumns(sheetsLookedAt));
        }
        if (rows == 0) {
            return FileOutcome.rejectedWhole(0, List.of(fileViolation(RejectionCode.EMPTY, Messages.empty())));
        }
        return FileOutcome.read(rows, duplicates);
    }

    /** Moves the reader to the next visible sheet, noting its name: false when there is none. */
    private static boolean nextSheet(TableReader reader, List<String> sheetsLookedAt) throws UnreadableFileException {
        if (!reader.nextSheet()) {
            return false;
        }
        lookAt(reader, sheetsLookedAt);
        return true;
    }

    private static void lookAt(TableReader reader, List<String> sheetsLookedAt) {
        if (reader.sheetName() != null) {
            sheetsLookedAt.add(reader.sheetName());
        }
    }

    private void recordDataSheet(long submissionId, String sheetName) {
        if (sheetName != null) {
            submissions.recordDataSheet(submissionId, sheetName);
        }
    }

    /**
     * DUPLICATE_ROW: a row whose natural key equals that of an earlier valid row of the same file. The first valid
     * row of each key is kept; every later row with that key gets the reason, whatever else is wrong with it. The
     * candidates found while reading are confirmed by comparing their keys in SQL; when the finder gave up, or two
     * different keys shared a hash, the whole file is checked in SQL instead.
     */
    private void markDuplicateRows(long submissionId, DatasetMapping mapping, InFileDuplicates found) {
        String table = mapping.stageTable();
        if (found != null && !found.gaveUp()) {
            int[] rows = found.candidates();
            if (rows.length == 0) {
                return;
            }
            int[] firstRows = found.candidateFirstRows();
            String sameKey = mapping.naturalKey().stream().map(k -> "d." + k + " = f." + k)
                    .collect(Collectors.joining(" and "));
            // the rows' numbers are index conditions of their own: the file's rows were just copied in, so the
            // planner's statistics do not know them, and it once looked each candidate up among all the file's rows
            Integer differing = jdbc.queryForObject("""
                    select count(*) from unnest(?::int[], ?::int[]) as c (row_no, first_row)
                    join %1$s d on d.submission_id = ? and d.row_no = c.row_no and d.row_no = any(?::int[])
                    join %1$s f on f.submission_id = ? and f.row_no = c.first_row and f.row_no = any(?::int[])
                    where not (%2$s)
                    """.formatted(table, sameKey), Integer.class, rows, firstRows, submissionId, rows,
                    submissionId, firstRows);
            if (differing == 0) {
                rejections.addRowReasons(submissionId, RejectionCode.DUPLICATE_ROW.name(), DUPLICATE_ROW_TEMPLATE, rows,
                        firstRows);
                markRejectedDuplicates(submissionId, table);
                return;
            }
        }
        String partition = mapping.naturalKey().stream().map(column -> mapping.groupedBy(table, column))
                .collect(Collectors.joining(", "));
        String keyPresent = mapping.naturalKey().stream().map(column -> column + " is not null")
                .collect(Collectors.joining(" and "));
        jdbc.update("""
                insert into rejection (submission_id, row_no, code, message)
                select ?, d.row_no, ?, format(?, d.first_row)
                from (select row_no, min(row_no) filter (where valid) over (partition by %s) as first_row
                      from %s where submission_id = ? and %s) d
                where d.row_no > d.first_row
                """.formatted(partition, table, keyPresent), submissionId, RejectionCode.DUPLICATE_ROW.name(),
                DUPLICATE_ROW_TEMPLATE, submissionId);
        markRejectedDuplicates(submissionId, table);
    }

    private void markRejectedDuplicates(long submissionId, String table) {
        jdbc.update("""
                update %s set valid = false
                where submission_id = ? and valid
                  and row_no in (select row_no from rejection where submission_id = ? and code = ?)
                """.formatted(table), submissionId, submissionId, RejectionCode.DUPLICATE_ROW.name());
    }

    private IngestOutcome conclude(long submissionId, String fileName, DatasetMapping mapping, FileOutcome file,
            double rejectThreshold, long jobExecutionId) {
        int rowsRejected = file.rows() == 0 ? 0
                : rejections.countRowsWithReasons(submissionId, RejectionCode.ROW_IGNORED.name());
        List<Violation> fileViolations = new ArrayList<>(file.violations());
        // exact decimal: in floating point 0.7 × 90 is 62.99999999999999, which would reject a file exactly at the threshold
        if (fileViolations.isEmpty() && BigDecimal.valueOf(rowsRejected)
                .compareTo(BigDecimal.valueOf(rejectThreshold).multiply(BigDecimal.valueOf(file.rows()))) > 0) {
            fileViolations.add(fileViolation(RejectionCode.TOO_MANY_INVALID,
                    Messages.tooManyInvalid(rowsRejected, file.rows(), (int) Math.round(rejectThreshold * 100))));
        }
        SubmissionStatus status = fileViolations.isEmpty() ? SubmissionStatus.ACCEPTED : SubmissionStatus.REJECTED;
        for (Violation violation : fileViolations) {
            rejections.addFileReason(submissionId, violation.columnKey(), violation.columnHeader(),
                    violation.code().name(), violation.message(), violation.value());
        }
        if (!fileViolations.isEmpty()) {
            jdbc.update("delete from " + mapping.stageTable() + " where submission_id = ?", submissionId);
        }
        int rowsAccepted = status == SubmissionStatus.ACCEPTED ? file.rows() - rowsRejected : 0;
        submissions.conclude(submissionId, status, file.rows(), rowsAccepted, fileViolations.isEmpty() ? file.rows() : 0,
                jobExecutionId);
        if (!fileViolations.isEmpty()) {
            log.info("{} rejected whole: {}", fileName, fileViolations.get(0).message());
        }
        return new IngestOutcome(submissionId, fileName, file.rows(), rowsAccepted, file.rows() - rowsAccepted,
                status.name());
    }

    /** The row's values, each resident ID as its keyed hash, then the masked form of each ID column's value. */
    private static void addValues(CopyBuffer staged, Object[] values, ColumnType[] types, ResidentIdHashes.Hasher hasher) {
        for (int i = 0; i < values.length; i++) {
            staged.add(types[i].holdsResidentIds() ? hasher.stored((String) values[i], types[i]) : values[i]);
        }
        for (int i = 0; i < values.length; i++) {
            if (types[i].holdsResidentIds()) {
                staged.add(ResidentIdHashes.masked((String) values[i], types[i]));
            }
        }
    }

    /** A rejected value of a row, with the column of the file it stood in. */
    private static void addRejection(CopyBuffer rejected, long submissionId, int rowNumber, Violation violation,
            int columnIndex, String visibleCell) {
        rejected.add(submissionId).add(rowNumber).add(violation.columnKey()).add(violation.columnHeader())
                .add(columnIndex < 0 ? null : columnIndex).add(violation.code().name()).add(violation.message())
                .add(violation.value()).add(visibleCell);
        rejected.endRow();
    }

    private static Violation fileViolation(RejectionCode code, String message) {
        return new Violation(null, null, code, message, null);
    }

    /**
     * The file-level verdict of staging: how many data rows were read, the reasons to reject it whole, and the rows
     * that may repeat an earlier row's key (null when the file is rejected whole).
     */
    private record FileOutcome(int rows, List<Violation> violations, InFileDuplicates duplicates) {

        static FileOutcome read(int rows, InFileDuplicates duplicates) {
            return new FileOutcome(rows, List.of(), duplicates);
        }

        static FileOutcome rejectedWhole(int rows, List<Violation> violations) {
            return new FileOutcome(rows, violations, null);
        }
    }
}
