package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.observation.ObservationRegistry;
import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.feedback.FeedbackWriter;
import org.provincial.reporting.pipeline.RunsInProgress.Activity;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.retention.PurgeLog;
import org.provincial.reporting.storage.PeriodLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts and restarts executions of the provincial totals job on the application's task executor; the command line
 * waits for their end, the web application and the schedules do not. Every launch takes one path: the province and
 * period's lock (held until the execution ends), the purge check, and the recovery of executions that a killed
 * process left marked as running.
 */
@Service
public class PipelineRunner {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

    /** How long a restart waits for the lock of a run that is just ending. */
    private static final Duration RESTART_LOCK_WAIT = Duration.ofSeconds(2);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final DataSource dataSource;
    private final SourceCredentials credentials;
    private final FeedbackWriter feedback;
    private final RegionReference regions;
    private final RunHistory history;
    private final PurgeLog purges;
    private final RunsInProgress runs;
    private final TaskExecutor runExecutor;
    private final ObservationRegistry observations;
    private final MapJobRegistry jobRegistry = new MapJobRegistry();
    private final MessageSourceAccessor texts;

    PipelineRunner(JobOperator jobOperator, JobRepository jobRepository, Job provincialTotalsJob, DataSource dataSource,
            SourceCredentials credentials, FeedbackWriter feedback, RegionReference regions, RunHistory history,
            PurgeLog purges, RunsInProgress runs, @Qualifier("applicationTaskExecutor") TaskExecutor runExecutor,
            ObjectProvider<ObservationRegistry> observations, MessageSourceAccessor texts) throws DuplicateJobException {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = provincialTotalsJob;
        this.dataSource = dataSource;
        this.credentials = credentials;
        this.feedback = feedback;
        this.regions = regions;
        this.history = history;
        this.purges = purges;
        this.runs = runs;
        this.runExecutor = runExecutor;
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.texts = texts;
        this.jobRegistry.register(provincialTotalsJob);
    }

    /**
     * Starts a new run of the province and period and returns its execution id at once. The province and period stay
     * locked until the run ends.
     *
     * @throws IllegalArgumentException when the province is no province code
     * @throws IllegalStateException    when a run of the province and period is already in progress, or it was purged
     */
    public long start(String province, String period, List<SourceLocation> sources, Path out,
            double rejectThreshold) {
        return startNew(province, period, sources, out, rejectThreshold, false).execution().getId();
    }

    /** Starts a new run of the province and period and waits for it to end; see {@link #start}. */
    public RunSummary startAndWait(String province, String period, List<SourceLocation> sources, Path out,
            double rejectThreshold) throws Exception {
        try (Activity waiting = runs.begin(province, period)) {
            return startNew(province, period, sources, out, rejectThreshold, true).await();
        }
    }

    /**
     * Resumes a failed, stopped or dead execution from its failed step and returns the id of the new execution at
     * once; the sources given supply passwords.
     *
     * @throws IllegalArgumentException when there is no such execution
     * @throws IllegalStateException    when it cannot be restarted (completed, or running in a live process)
     */
    public long restart(long executionId, List<SourceLocation> sources) {
        return restartExisting(stored(executionId), sources, false).execution().getId();
    }

    /** Resumes an execution from its failed step and waits for the new execution to end; see {@link #restart}. */
    public RunSummary restartAndWait(long executionId, List<SourceLocation> sources) throws Exception {
        JobExecution execution = stored(executionId);
        JobParameters parameters = execution.getJobParameters();
        try (Activity waiting = runs.begin(parameters.getString(RunParameters.PROVINCE),
                parameters.getString(RunParameters.PERIOD))) {
            return restartExisting(execution, sources, true).await();
        }
    }

    private Launch startNew(String province, String period, List<SourceLocation> sources, Path out,
            double rejectThreshold, boolean awaited) {
        if (!regions.isProvince(province)) {
            throw new IllegalArgumentException(province + " is not a province code of GB/T 2260");
        }
        RunParameters parameters = new RunParameters(province, period, System.currentTimeMillis(),
                sources.stream().map(SourceLocation::masked).toList(), out, rejectThreshold);
        return launch(province, period, sources, Duration.ZERO, awaited, operator -> {
            recoverDeadExecutions(province, period);
            return operator.start(job, parameters.toJobParameters());
        });
    }

    private Launch restartExisting(JobExecution execution, List<SourceLocation> sources, boolean awaited) {
        JobParameters parameters = execution.getJobParameters();
        return launch(parameters.getString(RunParameters.PROVINCE), parameters.getString(RunParameters.PERIOD), sources,
                RESTART_LOCK_WAIT, awaited, operator -> operator.restart(recoverIfLeftRunning(execution.getId())));
    }

    /**
     * The one way an execution starts: refused once the application closes, the sources' passwords remembered, the
     * province and period locked (waiting up to {@code lockWait}), refused when purged, then started by
     * {@code starter} on the task executor, the lock released when it ends (or at once when it does not start).
     */
    private Launch launch(String province, String period, List<SourceLocation> sources, Duration lockWait,
            boolean awaited, Starter starter) {
        runs.refuseWhenClosing();
        credentials.remember(sources);
        PeriodLock lock = PeriodLock.acquire(dataSource, province, period, lockWait);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        try {
            refuseWhenPurged(province, period);
            return new Launch(starter.start(operator(lock, province, period, ended, awaited)), ended);
        }
        catch (Exception e) {
            lock.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Starts an execution with the operator given, the province and period locked. */
    private interface Starter {
        JobExecution start(JobOperator operator) throws Exception;
    }

    /** An execution launched on the task executor, and when it ends (with what the job's thread threw, if anything). */
    private final class Launch {

        private final JobExecution execution;
        private final CompletableFuture<Void> ended;

        Launch(JobExecution execution, CompletableFuture<Void> ended) {
            this.execution = execution;
            this.ended = ended;
        }

        JobExecution execution() {
            return execution;
        }

        /** Waits for the execution to end: its summary, or what its thread threw (the database lost, say). */
        RunSummary await() throws Exception {
            try {
                ended.get();
            }
            catch (ExecutionException e) {
                if (e.getCause() instanceof Exception failure) {
                    throw failure;
                }
                throw (Error) e.getCause();
            }
            return history.summarize(execution);
        }
    }

    /**
     * An operator that runs the job on the task executor and releases the lock when the job ends, or at once when
     * the executor refuses it; {@code ended} completes then. What the job's thread throws goes to the caller that
     * awaits the end, else on to the executor.
     */
    private JobOperator operator(PeriodLock lock, String province, String period, CompletableFuture<Void> ended,
            boolean awaited) throws Exception {
        TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
        operator.setJobRepository(jobRepository);
        operator.setJobRegistry(jobRegistry);
        operator.setObservationRegistry(observations);
        operator.setTaskExecutor(task -> {
            try {
                runExecutor.execute(() -> {
                    Throwable thrown = null;
                    try (lock; Activity activity = runs.begin(province, period)) {
                        task.run();
                    }
                    catch (RuntimeException | Error e) {
                        thrown = e;
                        if (!awaited) {
                            throw e;
                        }
                    }
                    finally {
                        if (thrown == null) {
                            ended.complete(null);
                        }
                        else {
                            ended.completeExceptionally(thrown);
                        }
                    }
                });
            }
            catch (RuntimeException e) {
                lock.close();
                ended.complete(null);
                throw e;
            }
        });
        operator.afterPropertiesSet();
        return operator;
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

    /** Recovers the executions of the province and period left marked as running; the caller holds its lock. */
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

    /** @throws IllegalArgumentException when there is no such execution */
    private JobExecution stored(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("There is no execution " + executionId);
        }
        return execution;
    }

    /** A period the retention setting purged keeps its published totals: no run may recompute them. */
    private void refuseWhenPurged(String province, String period) {
        purges.purgedOn(province, period).ifPresent(purged -> {
            throw new IllegalStateException(texts.getMessage("run.purged",
                    new Object[] { province, period, purged.toString() }));
        });
    }
}
