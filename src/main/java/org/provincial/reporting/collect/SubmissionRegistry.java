package org.provincial.reporting.collect;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.provincial.reporting.collect.SubmissionArchive.ArchivedFile;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.submission.RejectionRepository;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.EarlierCopy;
import org.provincial.reporting.submission.SubmissionRepository.Registration;
import org.provincial.reporting.submission.SubmissionStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static org.provincial.reporting.submission.SubmissionStatus.DUPLICATE_FILE;
import static org.provincial.reporting.submission.SubmissionStatus.NAME_INVALID;
import static org.provincial.reporting.submission.SubmissionStatus.RECEIVED;
import static org.provincial.reporting.submission.SubmissionStatus.SUBMITTER_MISMATCH;

/**
 * Registers a collected file as a submission, deciding from its place and name whether it is RECEIVED or rejected
 * whole (NAME_INVALID, SUBMITTER_MISMATCH, DUPLICATE_FILE, each with a rejection row for the clerk), in one
 * transaction per batch of files. A receipt key already present means the file was registered before: nothing is written again.
 * DUPLICATE_FILE is scoped by SPEC §5.1: the same bytes from the same submitter for the same dataset and period.
 */
@Component
class SubmissionRegistry {

    private static final DateTimeFormatter RECEIVED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final String NAME_RULE = "应为 <报送单位代码>_<数据集>_<年-月>[_v<版本>].<csv|xlsx|xls>，"
            + "例如 440103_visits_2025-01.csv；数据集为 " + String.join("、", SubmissionName.DATASETS) + " 之一";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RegionReference regions;
    private final SubmissionRepository submissions;
    private final RejectionRepository rejections;

    SubmissionRegistry(DataSource dataSource, RegionReference regions, SubmissionRepository submissions,
            RejectionRepository rejections) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.regions = regions;
        this.submissions = submissions;
        this.rejections = rejections;
    }

    /** A file fetched from a source and archived, ready to be registered. */
    record Receipt(String source, String remotePath, String receiptKey, ArchivedFile file, long jobExecutionId) {
    }

    /**
     * Registers a batch of receipts of one source in one transaction, in their order, and records their idempotent
     * keys as collected in the same transaction (table {@code collected_file}, under the source's processor name):
     * either the whole batch is registered and will not be fetched again, or none of it is and every file is
     * collected again by the next run. Returns each receipt's status, or empty where its receipt key was
     * registered before.
     */
    List<Optional<String>> register(List<Receipt> receipts, String processorName, List<String> collectedKeys) {
        return transaction.execute(status -> {
            // the submitters' locks taken in one order, so that two sources' batches never wait for each other
            List<Integer> locks = jdbc.queryForList("select distinct hashtext(s) from unnest(?::text[]) s order by 1",
                    Integer.class, (Object) receipts.stream().map(receipt -> "collect:" + submitterOf(receipt.remotePath()))
                            .toArray(String[]::new));
            locks.forEach(lock -> jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, lock.longValue()));
            List<Optional<String>> statuses = receipts.stream().map(this::registerInTransaction).toList();
            jdbc.update("""
                    insert into collected_file (processor_name, message_id, created_at)
                    select ?, k, now() from unnest(?::text[]) k
                    on conflict do nothing""", processorName, collectedKeys.toArray(String[]::new));
            return statuses;
        });
    }

    /** The submitter a file's place on the source names: its first directory, or none for a file at the root. */
    private static String submitterOf(String remotePath) {
        String[] segments = remotePath.split("/");
        return segments.length > 1 ? segments[0] : "";
    }

    private Optional<String> registerInTransaction(Receipt receipt) {
        String[] segments = receipt.remotePath().split("/");
        boolean inSubmitterDirectory = segments.length > 1;
        String submitter = submitterOf(receipt.remotePath());
        String fileName = segments[segments.length - 1];
        Optional<SubmissionName> name = SubmissionName.parse(fileName);

        // one submitter at a time, so that two sources delivering the same bytes cannot both be RECEIVED
        jdbc.query("select pg_advisory_xact_lock(hashtext(?))", rs -> null, "collect:" + submitter);

        SubmissionStatus status;
        String message;
        if (!inSubmitterDirectory) {
            status = NAME_INVALID;
            message = "文件“" + fileName + "”不在报送单位目录中：请上传到以本单位区划代码命名的目录，"
                    + "例如 /440103/440103_visits_2025-01.csv。";
        }
        else if (regions.find(submitter).filter(Region::isGrouping).isPresent()) {
            status = SUBMITTER_MISMATCH;
            message = groupingMessage(fileName, name.isPresent(), regions.get(submitter));
        }
        else if (name.isEmpty()) {
            status = NAME_INVALID;
            message = "文件名“" + fileName + "”不符合规范：" + NAME_RULE + "。请按规范重命名后重新上传。"
                    + NameSuggestion.suggest(fileName, submitter).map(guess -> "按文件名推测，应命名为“" + guess
                            + "”。").orElse("");
        }
        else if (!name.get().submitter().equals(submitter)) {
            status = SUBMITTER_MISMATCH;
            message = "文件名中的报送单位代码 " + name.get().submitter() + " 与所在目录 /" + submitter + "/ 不一致："
                    + "请以本单位代码命名（例如 " + submitter + fileName.substring(fileName.indexOf('_'))
                    + "）后重新上传到 /" + submitter + "/"
                    + (regions.find(name.get().submitter()).filter(Region::isGrouping).isPresent() ? "。"
                            : "，或由 " + name.get().submitter() + " 上传到 /" + name.get().submitter() + "/ 目录。");
        }
        else {
            Optional<EarlierCopy> earlier = submissions.earlierCopy(submitter, receipt.file().sha256(),
                    name.get().dataset(), name.get().period().toString());
            status = earlier.isEmpty() ? RECEIVED : DUPLICATE_FILE;
            message = earlier.map(copy -> "文件内容与 " + copy.receivedAt().format(RECEIVED_TIME) + " 收到的文件 "
                    + copy.fileName() + " 完全相同，本次未重复计入。如需更正数据，请修改内容后"
                    + "以新的版本号（例如 _v2）重新上传。").orElse(null);
        }

        SubmissionName parsed = name.orElse(null);
        Optional<Long> id = submissions.register(new Registration(receipt.receiptKey(), receipt.source(),
                receipt.remotePath(), submitter, fileName,
                parsed == null ? null : parsed.dataset(),
                parsed == null ? null : parsed.period().toString(),
                parsed == null ? null : parsed.version(),
                parsed == null ? null : parsed.format(),
                receipt.file().sizeBytes(), receipt.file().sha256(), receipt.file().archivePath(),
                receipt.jobExecutionId(), status));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (message != null) {
            rejections.addFileReason(id.get(), null, null, status.name(), message, null);
        }
        return Optional.of(status.name());
    }

    /** SUBMITTER_MISMATCH for a file in a grouping's directory: its counties submit, each from its own. */
    private String groupingMessage(String fileName, boolean nameParses, Region grouping) {
        List<Region> counties = regions.childrenOf(grouping.code());
        String example = counties.get(0).code()
                + (nameParses ? fileName.substring(fileName.indexOf('_')) : "_visits_2025-01.csv");
        return "文件“" + fileName + "”不能放在 /" + grouping.code() + "/ 目录：" + grouping.code() + " "
                + grouping.name() + "是统计分组，不是报送单位。请由所辖的 "
                + counties.stream().map(county -> county.name() + "（" + county.code() + "）")
                        .collect(Collectors.joining("、"))
                + " 各自以本单位代码命名后上传到本单位目录，例如 /" + counties.get(0).code() + "/" + example + "。";
    }

    /** Records the files a collection left for a later run, with the submitter and period their place and name give. */
    void recordLeft(List<CollectionResult.LeftFile> left, long jobExecutionId) {
        jdbc.batchUpdate("""
                insert into left_file (job_execution_id, source, remote_path, submitter, province, period, size_bytes)
                values (?, ?, ?, ?, (select province_code from region where code = ?), ?, ?)""",
                left, left.size(), (statement, file) -> {
                    String[] segments = file.remotePath().split("/");
                    String submitter = submitterOf(file.remotePath());
                    statement.setLong(1, jobExecutionId);
                    statement.setString(2, file.source());
                    statement.setString(3, file.remotePath());
                    statement.setString(4, submitter);
                    statement.setString(5, submitter);
                    statement.setString(6, SubmissionName.parse(segments[segments.length - 1])
                            .map(name -> name.period().toString()).orElse(null));
                    statement.setLong(7, file.sizeBytes());
                });
    }
}
