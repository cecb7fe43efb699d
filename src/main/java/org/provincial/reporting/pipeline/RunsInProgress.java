package org.provincial.reporting.pipeline;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stops runs: one execution when someone asks, and at shutdown every run going on in this process, whose province
 * and period it keeps track of, waiting for them to end; once the application closes it refuses new runs.
 */
@Component
public class RunsInProgress implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(RunsInProgress.class);

    /** How long closing the application (SIGTERM, Ctrl-C) waits for the runs of this process to stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final MessageSourceAccessor texts;

    /** Province and period ({@code 440000 2025-01}) of every run going on in this process, with how many. */
    private final Map<String, Integer> active = new ConcurrentHashMap<>();

    private volatile boolean closing;

    private ApplicationContext context;

    RunsInProgress(JobRepository jobRepository, JdbcTemplate jdbc, MessageSourceAccessor texts) {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.texts = texts;
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

    /** Notes a run of the province and period going on in this process, until the activity returned is closed. */
    Activity begin(String province, String period) {
        String key = province + " " + period;
        active.merge(key, 1, Integer::sum);
        return () -> active.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    /** @throws IllegalStateException in Chinese once the application is closing */
    void refuseWhenClosing() {
        if (closing) {
            throw new IllegalStateException(texts.getMessage("run.closing"));
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
        Set<Long> asked = new HashSet<>();
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

    /** A run of this process in progress, until closed. */
    interface Activity extends AutoCloseable {
        @Override
        void close();
    }
}
