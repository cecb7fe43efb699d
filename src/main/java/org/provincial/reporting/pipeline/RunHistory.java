package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.provincial.reporting.checks.Checks;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.RunCounts;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * The executions of the provincial totals job as people look them up, read only: the lists of the runs pages, the API
 * and {@code status}, one execution's steps, summary and workbooks, and the periods a run completed. Spring Batch's
 * repository serves single executions; the lists filter and page on the job parameters in SQL over its tables.
 */
@Service
public class RunHistory {

    /**
     * What Spring Batch puts in the name of a partition's step ({@code deduplicate:partition0}). A partitioned step
     * fails because a partition failed, with only "Partition handler returned an unsuccessful step" to say: the
     * failure people read is the partition's, and the step they see is the partitioned one.
     */
    private static final String PARTITION_STEP = ":partition";

    /** What starts the line of a cause in a stack trace. */
    private static final String CAUSED_BY = "Caused by: ";

    private static final String RUNS = """
            select e.job_execution_id, pr.parameter_value, pe.parameter_value, e.status, e.start_time, e.end_time,
                   (select string_agg(s.step_name, ', ' order by s.step_execution_id) from batch_step_execution s
                    where s.job_execution_id = e.job_execution_id and s.status in ('FAILED', 'STOPPED')
                      and s.step_name not like '%%%1$s%%'),
                   coalesce((select s.exit_message from batch_step_execution s
                             where s.job_execution_id = e.job_execution_id and s.status in ('FAILED', 'STOPPED')
                               and s.exit_message <> ''
                             order by s.step_name like '%%%1$s%%' desc, s.step_execution_id limit 1),
                            nullif(e.exit_message, ''),
                            (select s.exit_message from batch_step_execution s
                             where s.job_execution_id = e.job_execution_id and s.exit_message <> ''
                             order by s.step_name like '%%%1$s%%' desc, s.step_execution_id limit 1))
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
            join batch_job_execution_params pr on pr.job_execution_id = e.job_execution_id and pr.parameter_name = ?
            join batch_job_execution_params pe on pe.job_execution_id = e.job_execution_id and pe.parameter_name = ?
            """.formatted(PARTITION_STEP);

    /** The executions of one province and/or period, or of all when they are null. */
    private static final String MATCHING = """
            where (?::text is null or pr.parameter_value = ?) and (?::text is null or pe.parameter_value = ?)
            """;

    private static final RowMapper<RunRecord> RUN_RECORD = (rs, i) -> new RunRecord(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getObject(5, LocalDateTime.class),
            rs.getObject(6, LocalDateTime.class), rs.getString(7), headline(rs.getString(8)));

    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final SubmissionRepository submissions;
    private final RegionReference regions;
    private final Checks checks;

    RunHistory(JobRepository jobRepository, JdbcTemplate jdbc, SubmissionRepository submissions,
            RegionReference regions, Checks checks) {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.submissions = submissions;
        this.regions = regions;
        this.checks = checks;
    }

    /** Executions newest first, optionally of one province and/or period, at most {@code limit}. */
    public List<RunRecord> runs(String province, String period, int limit) {
        return runs(province, period, 0, limit);
    }

    /** Executions newest first, optionally of one province and/or period: at most {@code limit} from {@code offset} on. */
    public List<RunRecord> runs(String province, String period, long offset, int limit) {
        return jdbc.query(RUNS + MATCHING + " order by e.job_execution_id desc limit ? offset ?", RUN_RECORD,
                ProvincialTotalsJobConfiguration.JOB_NAME, RunParameters.PROVINCE, RunParameters.PERIOD, province,
                province, period, period, limit, offset);
    }

    /** How many executions there are, optionally of one province and/or period. */
    public long countRuns(String province, String period) {
        return jdbc.queryForObject("select count(*) from (" + RUNS + MATCHING + ") run", Long.class,
                ProvincialTotalsJobConfiguration.JOB_NAME, RunParameters.PROVINCE, RunParameters.PERIOD, province,
                province, period, period);
    }

    public Optional<RunRecord> find(long executionId) {
        return jdbc.query(RUNS + " where e.job_execution_id = ?", RUN_RECORD,
                ProvincialTotalsJobConfiguration.JOB_NAME, RunParameters.PROVINCE, RunParameters.PERIOD, executionId)
                .stream().findFirst();
    }

    /** The latest execution of the province and period that did not complete, to restart. */
    public long latestUnfinished(String province, String period) {
        return runs(province, period, Integer.MAX_VALUE).stream()
                .filter(run -> !run.status().equals(BatchStatus.COMPLETED.name()))
                .findFirst()
                .map(RunRecord::id)
                .orElseThrow(() -> new IllegalArgumentException(
                        "There is no failed execution of " + province + " " + period + " to restart"));
    }

    /** The steps of an execution in the order they ran; a partitioned step with the failure of its failed partition. */
    public List<StepRecord> steps(long executionId) {
        return jdbc.query("""
                select s.step_name, s.status, s.read_count, s.write_count, s.filter_count,
                       s.read_skip_count + s.process_skip_count + s.write_skip_count, s.commit_count, s.rollback_count,
                       s.start_time, s.end_time, s.exit_code,
                       coalesce((select p.exit_message from batch_step_execution p
                                 where p.job_execution_id = s.job_execution_id and p.step_name like s.step_name || ?
                                   and p.status in ('FAILED', 'STOPPED') and p.exit_message <> ''
                                 order by p.step_execution_id limit 1), s.exit_message)
                from batch_step_execution s
                where s.job_execution_id = ? and s.step_name not like ? order by s.step_execution_id
                """, (rs, i) -> new StepRecord(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getObject(9, LocalDateTime.class), rs.getObject(10, LocalDateTime.class), rs.getString(11),
                        headline(rs.getString(12))), PARTITION_STEP + "%", executionId, "%" + PARTITION_STEP + "%");
    }

    /** The execution that resumed this one: the next execution of its job instance, if any. */
    public Optional<Long> resumedBy(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            return Optional.empty();
        }
        return jobRepository.getJobExecutions(execution.getJobInstance()).stream().map(JobExecution::getId)
                .filter(id -> id > executionId).min(Long::compare);
    }

    /** Where the execution writes its workbooks ({@code out}); empty when there is no such execution. */
    public Optional<Path> output(long executionId) {
        return jdbc.queryForList("""
                select parameter_value from batch_job_execution_params
                where job_execution_id = ? and parameter_name = ?""", String.class, executionId, RunParameters.OUT)
                .stream().findFirst().map(Path::of);
    }

    /** Where the latest completed run of the province and period wrote its workbooks ({@code out}). */
    public Optional<Path> latestOutput(String province, String period) {
        return jdbc.query("""
                select o.parameter_value
                from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
                join batch_job_execution_params pr on pr.job_execution_id = e.job_execution_id and pr.parameter_name = ?
                join batch_job_execution_params pe on pe.job_execution_id = e.job_execution_id and pe.parameter_name = ?
                join batch_job_execution_params o on o.job_execution_id = e.job_execution_id and o.parameter_name = ?
                where e.status = 'COMPLETED' and pr.parameter_value = ? and pe.parameter_value = ?
                order by e.end_time desc, e.job_execution_id desc
                limit 1
                """, (rs, i) -> Path.of(rs.getString(1)), ProvincialTotalsJobConfiguration.JOB_NAME,
                RunParameters.PROVINCE, RunParameters.PERIOD, RunParameters.OUT, province, period).stream().findFirst();
    }

    /** The copy of a workbook an execution keeps as its own under {@code out}: {@code runs/<execution>/<name>}. */
    public static Path runWorkbook(Path out, long executionId, String fileName) {
        return out.resolve("runs").resolve(Long.toString(executionId)).resolve(fileName);
    }

    /** The months of the province ({@code YYYY-MM}) that a run completed: those whose totals are published. */
    public Set<String> completedPeriods(String province) {
        return new TreeSet<>(jdbc.queryForList("""
                select distinct pe.parameter_value
                from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
                join batch_job_execution_params pr on pr.job_execution_id = e.job_execution_id and pr.parameter_name = ?
                join batch_job_execution_params pe on pe.job_execution_id = e.job_execution_id and pe.parameter_name = ?
                where e.status = 'COMPLETED' and pr.parameter_value = ?
                """, String.class, ProvincialTotalsJobConfiguration.JOB_NAME, RunParameters.PROVINCE, RunParameters.PERIOD,
                province));
    }

    /**
     * The sources, password masked, whose credentials resuming the execution may need: those it collects from, and
     * those its province and period's files came from (and pending feedback goes to), where the feedback is uploaded.
     *
     * @throws IllegalArgumentException when there is no such execution
     */
    public List<String> sourcesToResume(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("There is no execution " + executionId);
        }
        JobParameters parameters = execution.getJobParameters();
        String province = parameters.getString(RunParameters.PROVINCE);
        String period = parameters.getString(RunParameters.PERIOD);
        Set<String> sources = new LinkedHashSet<>(RunParameters.splitSources(parameters.getString(RunParameters.SOURCES)));
        // one ordering of both, the database's, as for any list of sources it shows
        sources.addAll(jdbc.queryForList("""
                select source from feedback_upload where province = ? and period = ?
                union select unnest(?::text[])
                order by 1""", String.class, province, period,
                submissions.sources(province, period).toArray(String[]::new)));
        return List.copyOf(sources);
    }

    /** What the execution ended with (or has done so far): its files, rows, conflicts and missing submitters. */
    public Optional<RunSummary> summary(long executionId) {
        return Optional.ofNullable(jobRepository.getJobExecution(executionId)).map(this::summarize);
    }

    RunSummary summarize(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        String province = parameters.getString(RunParameters.PROVINCE);
        String period = parameters.getString(RunParameters.PERIOD);
        Long[] executionIds = jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .map(JobExecution::getId).toArray(Long[]::new);
        RunCounts counts = submissions.runCounts(province, period, executionIds);
        long conflicts = jdbc.queryForObject("select count(*) from conflict where province = ? and period = ?",
                Long.class, province, period);
        List<String> expected = regions.expectedSubmitters(province).stream().map(Region::code).toList();
        List<String> submitted = submissions.countedSubmitters(province, period);
        List<String> missing = expected.stream().filter(code -> !submitted.contains(code))
                .map(code -> code + " " + regions.get(code).name()).toList();
        String failedStep = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.STOPPED)
                .map(StepExecution::getStepName).filter(name -> !name.contains(PARTITION_STEP)).findFirst().orElse(null);
        String failure = Stream.concat(execution.getStepExecutions().stream()
                        .filter(step -> step.getStepName().contains(PARTITION_STEP))
                        .flatMap(step -> step.getFailureExceptions().stream()),
                        execution.getAllFailureExceptions().stream())
                .map(StepFailedException::reason).findFirst().orElse(null);
        String workbook = execution.getExecutionContext().containsKey("workbook")
                ? execution.getExecutionContext().getString("workbook") : null;
        return new RunSummary(execution.getId(), province, period, execution.getStatus().name(), failedStep, failure,
                counts.filesReceived(), counts.filesCounted(), counts.filesRejected(), counts.rowsAccepted(),
                counts.rowsRejected(), counts.rowsDeduplicated(), conflicts, missing, expected.size(),
                workbook == null ? null : Path.of(workbook), checks.counts(province, period),
                leftFiles(execution.getId()), pendingUploads(province, period));
    }

    /**
     * The files the collection of the execution's job instance (this run and the executions it restarted) left for
     * a later run and that have not been received since, as "path (source)".
     */
    public List<String> leftFiles(long executionId) {
        return jdbc.queryForList("""
                select l.remote_path || ' (' || l.source || ')' from left_file l
                where l.job_execution_id in (select other.job_execution_id from batch_job_execution this
                                             join batch_job_execution other on other.job_instance_id = this.job_instance_id
                                             where this.job_execution_id = ?)
                  and not exists (select 1 from submission s
                                  where s.source = l.source and s.remote_path = l.remote_path
                                    and s.received_at >= l.left_at)
                group by l.remote_path, l.source
                order by l.remote_path collate "C", l.source""", String.class, executionId);
    }

    /** The sources, password masked, that pending feedback uploads of the province and period go to. */
    public List<String> pendingUploadSources(String province, String period) {
        return jdbc.queryForList("select distinct source from feedback_upload where province = ? and period = ?"
                + " order by source", String.class, province, period);
    }

    /** The feedback uploads of the province and period that failed and are pending, as "submitter → source: reason". */
    public List<String> pendingUploads(String province, String period) {
        return jdbc.queryForList("""
                select submitter || ' → ' || source || ': ' || reason from feedback_upload
                where province = ? and period = ? order by submitter, source""", String.class, province, period);
    }

    /**
     * The reason an exit message gives: a failure's exit message is its stack trace, {@code some.package.SomeException:
     * what went wrong} then a {@code Caused by: …} line for each cause, cut to the length Spring Batch stores. As
     * {@link StepFailedException#reason} of the failure: the first of these lines that quotes no SQL statement, else
     * the first line without the statement.
     */
    static String headline(String exitMessage) {
        if (exitMessage == null || exitMessage.isBlank()) {
            return null;
        }
        List<String> lines = exitMessage.strip().lines().toList();
        return Stream.concat(Stream.of(lines.get(0)), lines.stream().filter(line -> line.startsWith(CAUSED_BY))
                        .map(cause -> cause.substring(CAUSED_BY.length())))
                .filter(line -> !StepFailedException.QUOTED_SQL.matcher(line).find())
                .findFirst()
                .map(StepFailedException::firstLine)
                .orElseGet(() -> StepFailedException.firstLine(StepFailedException.withoutStatement(lines.get(0))));
    }
}
