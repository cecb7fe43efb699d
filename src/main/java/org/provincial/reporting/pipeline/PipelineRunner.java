package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.observation.ObservationRegistry;
import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.feedback.FeedbackWriter;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Runs, restarts and stops executions of the provincial totals job, in the caller's thread (the command line)
 * or launched on the application's task executor (the web application and the schedules). Before starting, it takes
 * the province and period's lock and recovers executions that a killed process left marked as running.
 */
@Service
public class PipelineRunner implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

    private static final Duration LOCK_WAIT = Duration.ofSeconds(2);

    /** How long closing the application (SIGTERM, Ctrl-C) waits for the runs of this process to stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final JdbcTemplate jdbc;

    private final RunHistory history;
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
            RunHistory history, PurgeLog purges,
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
        this.history = history;
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
            return history.summarize(execution);
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
            return history.summarize(jobOperator.restart(recoverIfLeftRunning(executionId)));
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
}
