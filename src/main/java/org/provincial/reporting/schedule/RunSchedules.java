package org.provincial.reporting.schedule;

import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.security.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * The schedules of jobs/ in {@code serve}: each job's cron launches a run of its province for the period its rule
 * gives for today, and records it in the audit log under the actor {@code schedule}. A run that finds its province
 * and period already running (here or in another process sharing the database) is skipped with a log line. A job
 * with {@code rangeReports} also gets its range workbooks once the run completed ({@link ScheduledRangeReports}).
 */
@Component
@ConditionalOnBooleanProperty("reporting.serve.enabled")
class RunSchedules implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunSchedules.class);

    private final JobDefinitions jobs;
    private final RunLauncher launcher;
    private final AuditLog audit;
    private final ScheduledRangeReports rangeReports;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    /** Waits for scheduled runs to end to write their range workbooks, beside the schedules' own thread. */
    private final ExecutorService followUps = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "schedule-range-reports");
        thread.setDaemon(true);
        return thread;
    });

    RunSchedules(JobDefinitions jobs, RunLauncher launcher, AuditLog audit, ScheduledRangeReports rangeReports) {
        this.jobs = jobs;
        this.launcher = launcher;
        this.audit = audit;
        this.rangeReports = rangeReports;
        scheduler.setThreadNamePrefix("schedule-");
        scheduler.setPoolSize(1);
    }

    /** Starts the schedules once the application is up, after dead executions were recovered. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    void start() {
        scheduler.initialize();
        for (JobDefinition job : jobs.all()) {
            if (job.schedule() == null || job.schedule().isBlank()) {
                log.info("The job {} has no schedule", job.name());
                continue;
            }
            scheduler.schedule(() -> fire(job), new CronTrigger(job.schedule()));
            log.info("Scheduled the job {} of {} at '{}'", job.name(), job.province(), job.schedule());
        }
    }

    void fire(JobDefinition job) {
        String period = job.periodFor(LocalDate.now()).toString();
        try {
            long execution = launcher.launch(job.province(), period);
            log.info("Scheduled run {} of {} {} started (job {})", execution, job.province(), period, job.name());
            audit.record("schedule", "run.launch", job.province() + " " + period + " → 运行 " + execution
                    + "（任务 " + job.name() + "）");
            if (!job.rangeReportsFrom().isEmpty()) {
                followUps.execute(() -> {
                    try {
                        rangeReports.afterRun(job, period, execution);
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
        catch (IllegalStateException busy) {
            log.info("Skipped the scheduled run of {} {} (job {}): {}", job.province(), period, job.name(),
                    busy.getMessage());
        }
        catch (RuntimeException e) {
            log.error("The scheduled run of {} {} (job {}) could not start: {}", job.province(), period, job.name(),
                    e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
        followUps.shutdownNow();
    }
}
