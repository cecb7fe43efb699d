package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.observation.ObservationRegistry;
import org.provincial.reporting.checks.Checks;
import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.feedback.FeedbackWriter;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.retention.PurgeLog;
import org.provincial.reporting.storage.PeriodLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * Runs, restarts, stops and lists executions of the provincial totals job, in the caller's thread (the command line)
 * or launched on the application's task executor (the web application and the schedules). Before starting, it takes
 * the province and period's lock and recovers executions that a killed process left marked as running.
 */
@Service
public class PipelineRunner implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

    private static final Duration LOCK_WAIT = Duration.ofSeconds(2);

    /** How long closing the application (SIGTERM, Ctrl-C) waits for the runs of this process to stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final String RUNS = """
            select e.job_execution_id, pr.parameter_value, pe.parameter_value, e.status, e.start_time, e.end_time,
                   (select string_agg(s.step_name, ', ' order by s.step_execution_id) from batch_step_execution s
                    where s.job_execution_id = e.job_execution_id and s.status in ('FAILED', 'STOPPED')),
                   coalesce((select s.exit_message from batch_step_execution s
                             where s.job_execution_id = e.job_execution_id and s.status in ('FAILED', 'STOPPED')
                               and s.exit_message <> '' order by s.step_execution_id limit 1),
                            nullif(e.exit_message, ''),
                            (select s.exit_message from batch_step_execution s
                             where s.job_execution_id = e.job_execution_id and s.exit_message <> ''
                             order by s.step_execution_id limit 1))
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
            join batch_job_execution_params pr on pr.job_execution_id = e.job_execution_id and pr.parameter_name = ?
            join batch_job_execution_params pe on pe.job_execution_id = e.job_execution_id and pe.parameter_name = ?
            """;

    /** The executions of one province and/or period, or of all when they are null. */
    private static final String MATCHING = """
            where (?::text is null or pr.parameter_value = ?) and (?::text is null or pe.parameter_value = ?)
            """;

    private static final RowMapper<RunRecord> RUN_RECORD = (rs, i) -> new RunRecord(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getObject(5, LocalDateTime.class),
            rs.getObject(6, LocalDateTime.class), rs.getString(7), headline(rs.getString(8)));

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final JdbcTemplate jdbc;

    private final Checks checks;
    private final PurgeLog purges;
    private final DataSource dataSource;
    private final SourceCredentials credentials;
    private final FeedbackWriter feedback;
    private final RegionReference regions;
    private final TaskExecutor runExecutor;
    private final ObservationRegistry observations;
    private final MapJobRegistry jobRegistry = new MapJobRegistry();
    private final MessageSourceAccessor texts;

    /** Province and period ({@code 440000 2025-01}) of every run going on in this process, with how many. */
    private final Map<String, Integer> active = new ConcurrentHashMap<>();

    private volatile boolean closing;

    private ApplicationContext context;

    PipelineRunner(JobOperator jobOperator, JobRepository jobRepository, Job provincialTotalsJob, JdbcTemplate jdbc,
            DataSource dataSource, SourceCredentials credentials, FeedbackWriter feedback, RegionReference regions,
            Checks checks, PurgeLog purges,
            @Qualifier("applicationTaskExecutor") TaskExecutor runExecutor,
            ObjectProvider<ObservationRegistry> observations, MessageSourceAccessor texts) throws DuplicateJobException {
        this.texts = texts;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = provincialTotalsJob;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.credentials = credentials;
        this.feedback = feedback;
        this.regions = regions;
        this.checks = checks;
        this.purges = purges;
        this.runExecutor = runExecutor;
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.jobRegistry.register(provincialTotalsJob);
    }

    /** Starts a new run of the province and period and waits for it to end. */
    public RunSummary run(String province, String period, List<SourceLocation> sources, Path out,
            double rejectThreshold) throws Exception {
        if (!regions.isProvince(province)) {
            throw new IllegalArgumentException(province + " is not a province code of GB/T 2260");
        }
        refuseWhenClosing();
        credentials.remember(sources);
        RunParameters parameters = new RunParameters(province, period, System.currentTimeMillis(),
                sources.stream().map(SourceLocation::masked).toList(), out, rejectThreshold);
        try (PeriodLock lock = PeriodLock.acquire(dataSource, province, period);
                Activity activity = begin(province, period)) {
            refuseWhenPurged(province, period);
            recoverDeadExecutions(province, period);
            JobExecution execution = jobOperator.start(job, parameters.toJobParameters());
            return summarize(execution);
        }
    }

    /** Resumes a failed or dead execution from its failed step; the sources given supply passwords. */
    public RunSummary restart(long executionId, List<SourceLocation> sources) throws Exception {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("There is no execution " + executionId);
        }
        refuseWhenClosing();
        credentials.remember(sources);
        JobParameters parameters = execution.getJobParameters();
        String province = parameters.getString(RunParameters.PROVINCE);
        String period = parameters.getString(RunParameters.PERIOD);
        try (PeriodLock lock = PeriodLock.acquire(dataSource, province, period);
                Activity activity = begin(province, period)) {
            refuseWhenPurged(province, period);
            return summarize(jobOperator.restart(recoverIfLeftRunning(executionId)));
        }
    }

    /**
     * Starts a new run of the province and period on the task executor and returns its id at once. The province
     * and period stay locked until the run ends.
     *
     * @throws IllegalStateException when a run of the province and period is already in progress
     */
    public long launch(String province, String period, List<SourceLocation> sources, Path out,
            double rejectThreshold) {
        if (!regions.isProvince(province)) {
            throw new IllegalArgumentException(province + " is not a province code of GB/T 2260");
        }
        credentials.remember(sources);
        RunParameters parameters = new RunParameters(province, period, System.currentTimeMillis(),
                sources.stream().map(SourceLocation::masked).toList(), out, rejectThreshold);
        PeriodLock lock = PeriodLock.acquire(dataSource, province, period);
        try {
            refuseWhenPurged(province, period);
            recoverDeadExecutions(province, period);
            return asyncOperator(lock, province, period).start(job, parameters.toJobParameters()).getId();
        }
        catch (Exception e) {
            lock.close();
            throw launchFailure(e);
        }
    }

    /**
     * Resumes a failed, stopped or dead execution from its failed step on the task executor and returns the id of
     * the new execution at once; the sources given supply passwords.
     *
     * @throws IllegalArgumentException when there is no such execution
     * @throws IllegalStateException    when it cannot be restarted (completed, or running in a live process)
     */
    public long resume(long executionId, List<SourceLocation> sources) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("There is no execution " + executionId);
        }
        credentials.remember(sources);
        JobParameters parameters = execution.getJobParameters();
        PeriodLock lock = lockSoon(parameters.getString(RunParameters.PROVINCE),
                parameters.getString(RunParameters.PERIOD));
        try {
            refuseWhenPurged(parameters.getString(RunParameters.PROVINCE), parameters.getString(RunParameters.PERIOD));
            return asyncOperator(lock, parameters.getString(RunParameters.PROVINCE),
                    parameters.getString(RunParameters.PERIOD)).restart(recoverIfLeftRunning(executionId)).getId();
        }
        catch (Exception e) {
            lock.close();
            throw launchFailure(e);
        }
    }

    /**
     * Runs the action holding the province and period's lock, so that no run of it goes on meanwhile (in this
     * process or another sharing the database).
     *
     * @throws IllegalStateException when a run of the province and period is in progress
     */
    public <T> T whileNotRunning(String province, String period, Supplier<T> action) {
        try (PeriodLock lock = PeriodLock.acquire(dataSource, province, period)) {
            return action.get();
        }
    }

    /**
     * Uploads the feedback of the province and period whose upload failed and is pending, with the passwords of the
     * sources given, while no run of the period goes on.
     *
     * @throws IllegalStateException when a run of the province and period is in progress
     */
    public FeedbackResult uploadPendingFeedback(String province, String period, List<SourceLocation> sources) {
        credentials.remember(sources);
        return whileNotRunning(province, period, () -> feedback.uploadPending(province, period));
    }

    /**
     * Asks a running execution to stop: it is marked as stopping, which its own thread notices at the next chunk
     * boundary (between two files, say) or at the end of its current step; it then ends as stopped and can be
     * restarted. Only the job's status changes here, in one conditional statement: Spring Batch's own stop also
     * writes the running step's record from the caller's thread, which collides with the step's own updates and
     * can leave the execution UNKNOWN, never to be restarted.
     *
     * @throws IllegalArgumentException when there is no such execution
     * @throws IllegalStateException    when it is not running
     */
    public void stop(long executionId) {
        if (jobRepository.getJobExecution(executionId) == null) {
            throw new IllegalArgumentException("There is no execution " + executionId);
        }
        int stopping = jdbc.update("""
                update batch_job_execution
                set status = 'STOPPING', version = version + 1, last_updated = now()
                where job_execution_id = ? and status in ('STARTING', 'STARTED')""", executionId);
        if (stopping == 0) {
            throw new IllegalStateException("Execution " + executionId + " is not running");
        }
        log.info("Execution {} is stopping", executionId);
    }

    /**
     * The execution as stored now that the caller holds the province and period's lock, recovered first when it is
     * still marked as running: holding the lock, the caller knows that no live thread or process runs it.
     */
    private JobExecution recoverIfLeftRunning(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (!execution.getStatus().isRunning()) {
            return execution;
        }
        log.warn("Execution {} was left running by a process that died; recovering it", executionId);
        return jobOperator.recover(execution);
    }

    /**
     * Recovers every execution left marked as running whose province and period no live process holds, so that
     * it can be restarted; returns their ids.
     */
    public List<Long> recoverAllDeadExecutions() {
        List<Long> recovered = new ArrayList<>();
        for (JobExecution running : jobRepository.findRunningJobExecutions(ProvincialTotalsJobConfiguration.JOB_NAME)) {
            JobParameters parameters = running.getJobParameters();
            String province = parameters.getString(RunParameters.PROVINCE);
            String period = parameters.getString(RunParameters.PERIOD);
            try (PeriodLock lock = PeriodLock.acquire(dataSource, province, period)) {
                log.warn("Execution {} of {} {} was left running by a process that died; recovering it",
                        running.getId(), province, period);
                jobOperator.recover(running);
                recovered.add(running.getId());
            }
            catch (IllegalStateException busy) {
                log.info("Execution {} of {} {} is running in another process", running.getId(), province, period);
            }
        }
        return recovered;
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
        Set<String> sources = new java.util.LinkedHashSet<>(
                RunParameters.splitSources(parameters.getString(RunParameters.SOURCES)));
        sources.addAll(jdbc.queryForList("""
                select source from submission where province = ? and period = ?
                union select source from feedback_upload where province = ? and period = ?
                order by 1""", String.class, parameters.getString(RunParameters.PROVINCE),
                parameters.getString(RunParameters.PERIOD), parameters.getString(RunParameters.PROVINCE),
                parameters.getString(RunParameters.PERIOD)));
        return List.copyOf(sources);
    }

    /** The steps of an execution in the order they ran. */
    public List<StepRecord> steps(long executionId) {
        return jdbc.query("""
                select step_name, status, read_count, write_count, filter_count,
                       read_skip_count + process_skip_count + write_skip_count, commit_count, rollback_count,
                       start_time, end_time, exit_code, exit_message
                from batch_step_execution where job_execution_id = ? order by step_execution_id
                """, (rs, i) -> new StepRecord(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getObject(9, LocalDateTime.class), rs.getObject(10, LocalDateTime.class), rs.getString(11),
                        headline(rs.getString(12))), executionId);
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

    /** The execution that resumed this one: the next execution of its job instance, if any. */
    public Optional<Long> resumedBy(long executionId) {
        return jdbc.queryForList("""
                select later.job_execution_id from batch_job_execution this
                join batch_job_execution later on later.job_instance_id = this.job_instance_id
                                               and later.job_execution_id > this.job_execution_id
                where this.job_execution_id = ? order by later.job_execution_id limit 1""", Long.class, executionId)
                .stream().findFirst();
    }

    /** Where the execution writes its workbooks ({@code out}); empty when there is no such execution. */
    public Optional<Path> output(long executionId) {
        return jdbc.queryForList("""
                select parameter_value from batch_job_execution_params
                where job_execution_id = ? and parameter_name = ?""", String.class, executionId, RunParameters.OUT)
                .stream().findFirst().map(Path::of);
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

    /** The latest execution of the province and period that did not complete, to restart. */
    public long latestUnfinished(String province, String period) {
        return status(province, period).stream()
                .filter(e -> !e.status().equals(BatchStatus.COMPLETED.name()))
                .max(Comparator.comparingLong(ExecutionStatus::id))
                .map(ExecutionStatus::id)
                .orElseThrow(() -> new IllegalArgumentException(
                        "There is no failed execution of " + province + " " + period + " to restart"));
    }

    /** Every execution, newest first, optionally of one province and/or period. */
    public List<ExecutionStatus> status(String province, String period) {
        return jdbc.query("""
                select e.job_execution_id, pr.parameter_value as province, pe.parameter_value as period,
                       e.status, e.start_time, e.end_time,
                       (select string_agg(s.step_name, ', ') from batch_step_execution s
                        where s.job_execution_id = e.job_execution_id and s.status in ('FAILED', 'STOPPED')) as failed_step
                from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
                join batch_job_execution_params pr on pr.job_execution_id = e.job_execution_id and pr.parameter_name = ?
                join batch_job_execution_params pe on pe.job_execution_id = e.job_execution_id and pe.parameter_name = ?
                where (?::text is null or pr.parameter_value = ?) and (?::text is null or pe.parameter_value = ?)
                order by e.job_execution_id desc
                """, (rs, i) -> new ExecutionStatus(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, java.time.LocalDateTime.class), rs.getObject(6, java.time.LocalDateTime.class),
                        rs.getString(7)),
                ProvincialTotalsJobConfiguration.JOB_NAME, RunParameters.PROVINCE, RunParameters.PERIOD,
                province, province, period, period);
    }

    private void recoverDeadExecutions(String province, String period) {
        for (JobExecution running : jobRepository.findRunningJobExecutions(ProvincialTotalsJobConfiguration.JOB_NAME)) {
            JobParameters parameters = running.getJobParameters();
            if (province.equals(parameters.getString(RunParameters.PROVINCE))
                    && period.equals(parameters.getString(RunParameters.PERIOD))) {
                log.warn("Execution {} of {} {} was left running by a process that died; recovering it",
                        running.getId(), province, period);
                jobOperator.recover(running);
            }
        }
    }

    /**
     * SIGTERM (or Ctrl-C, or the web application shutting down) closes the application: before the database goes,
     * every run of this process is asked to stop, and closing waits for them to end (their current step finishes, up
     * to {@link #STOP_WAIT}), so that they end STOPPED and can be restarted rather than left marked as running.
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // a child context closing (a management context, say), not the application
        }
        closing = true;
        if (active.isEmpty()) {
            return;
        }
        log.warn("Shutting down: stopping the run(s) of {} and waiting up to {} s for them to end", active.keySet(),
                STOP_WAIT.toSeconds());
        Set<Long> asked = new java.util.HashSet<>();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (!active.isEmpty() && System.nanoTime() < deadline) {
            try {
                for (JobExecution running : jobRepository
                        .findRunningJobExecutions(ProvincialTotalsJobConfiguration.JOB_NAME)) {
                    JobParameters parameters = running.getJobParameters();
                    String key = parameters.getString(RunParameters.PROVINCE) + " "
                            + parameters.getString(RunParameters.PERIOD);
                    if (active.containsKey(key) && running.getStatus() != BatchStatus.STOPPING
                            && asked.add(running.getId())) {
                        log.warn("Stopping execution {} of {}", running.getId(), key);
                        stop(running.getId());
                    }
                }
            }
            catch (RuntimeException e) {
                log.warn("Could not stop the running execution(s): {}", e.getMessage());
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!active.isEmpty()) {
            log.warn("The run(s) of {} did not stop within {} s; the next run or restart recovers them",
                    active.keySet(), STOP_WAIT.toSeconds());
        }
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.context = applicationContext;
    }

    private Activity begin(String province, String period) {
        String key = province + " " + period;
        active.merge(key, 1, Integer::sum);
        return () -> active.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    /** A period the retention setting purged keeps its published totals: no run may recompute them. */
    private void refuseWhenPurged(String province, String period) {
        purges.purgedOn(province, period).ifPresent(purged -> {
            throw new IllegalStateException(texts.getMessage("run.purged",
                    new Object[] { province, period, purged.toString() }));
        });
    }

    private void refuseWhenClosing() {
        if (closing) {
            throw new IllegalStateException(texts.getMessage("run.closing"));
        }
    }

    /** A run of this process in progress, until closed. */
    private interface Activity extends AutoCloseable {
        @Override
        void close();
    }

    /** What the execution ended with (or has done so far): its files, rows, conflicts and missing submitters. */
    public Optional<RunSummary> summary(long executionId) {
        return Optional.ofNullable(jobRepository.getJobExecution(executionId)).map(this::summarize);
    }

    RunSummary summarize(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        String province = parameters.getString(RunParameters.PROVINCE);
        String period = parameters.getString(RunParameters.PERIOD);
        List<Long> instanceExecutions = jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .map(JobExecution::getId).toList();
        Long[] executionIds = instanceExecutions.toArray(Long[]::new);
        int filesReceived = count("select count(*) from submission where collected_by = any(?)", (Object) executionIds);
        int filesCounted = count("select count(*) from submission where province = ? and period = ? and counted",
                province, period);
        int filesRejected = count("""
                select count(*) from submission
                where (province = ? and period = ? and status = 'REJECTED')
                   or (collected_by = any(?) and status in ('NAME_INVALID', 'SUBMITTER_MISMATCH'))""",
                province, period, executionIds);
        var rows = jdbc.queryForMap("""
                select coalesce(sum(rows_accepted), 0) as accepted, coalesce(sum(rows_rejected), 0) as rejected,
                       coalesce(sum(rows_deduplicated), 0) as deduplicated
                from submission where province = ? and period = ? and counted""", province, period);
        long conflicts = jdbc.queryForObject("select count(*) from conflict where province = ? and period = ?",
                Long.class, province, period);
        List<String> expected = regions.expectedSubmitters(province).stream().map(Region::code).toList();
        List<String> submitted = jdbc.queryForList("""
                select distinct submitter from submission where province = ? and period = ? and counted""",
                String.class, province, period);
        List<String> missing = expected.stream().filter(code -> !submitted.contains(code))
                .map(code -> code + " " + regions.get(code).name()).toList();
        String failedStep = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.STOPPED)
                .map(StepExecution::getStepName).findFirst().orElse(null);
        String failure = execution.getAllFailureExceptions().stream().map(PipelineRunner::rootMessage)
                .filter(Objects::nonNull).findFirst().orElse(null);
        String workbook = execution.getExecutionContext().containsKey("workbook")
                ? execution.getExecutionContext().getString("workbook") : null;
        return new RunSummary(execution.getId(), province, period, execution.getStatus().name(), failedStep, failure,
                filesReceived, filesCounted, filesRejected, ((Number) rows.get("accepted")).longValue(),
                ((Number) rows.get("rejected")).longValue(), ((Number) rows.get("deduplicated")).longValue(),
                conflicts, missing, expected.size(), workbook == null ? null : Path.of(workbook),
                checks.counts(province, period), leftFiles(execution.getId()), pendingUploads(province, period));
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
     * The province and period's lock, waiting a moment for a run that is just ending: a run's final status is stored
     * before its lock is released, so whoever saw it fail and restarts it at once may find the lock still held.
     */
    private PeriodLock lockSoon(String province, String period) {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                return PeriodLock.acquire(dataSource, province, period);
            }
            catch (IllegalStateException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                try {
                    Thread.sleep(100);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /**
     * An operator that runs the job on the task executor and releases the lock when the job ends, or at once when
     * the executor refuses it.
     */
    private JobOperator asyncOperator(PeriodLock lock, String province, String period) throws Exception {
        TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
        operator.setJobRepository(jobRepository);
        operator.setJobRegistry(jobRegistry);
        operator.setObservationRegistry(observations);
        operator.setTaskExecutor(task -> {
            try {
                runExecutor.execute(() -> {
                    try (lock; Activity activity = begin(province, period)) {
                        task.run();
                    }
                });
            }
            catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        });
        operator.afterPropertiesSet();
        return operator;
    }

    private static RuntimeException launchFailure(Exception failure) {
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException(failure.getMessage(), failure);
    }

    /**
     * The first line of an exit message without the exception's class name: a failure's exit message is its stack
     * trace, whose first line is {@code some.package.SomeException: what went wrong}.
     */
    static String headline(String exitMessage) {
        if (exitMessage == null || exitMessage.isBlank()) {
            return null;
        }
        String first = exitMessage.strip().lines().findFirst().orElse("");
        return first.replaceFirst("^([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error|Throwable)(: )?", "").strip();
    }

    private int count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    /** The message people can act on: the failure's own, else that of the first cause that has one. */
    private static String rootMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
