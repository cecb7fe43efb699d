package org.provincial.reporting.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Optional;

import org.provincial.reporting.cumulative.RangeReports;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.security.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The range workbooks a job of jobs/ asks for after its scheduled monthly run ({@code rangeReports: [{from: "2024-12"}]}):
 * once the run completed, each range from its first month to the run's month, written next to the month's workbook
 * and recorded in the audit log (a range that cannot be written is logged and audited with the reason).
 */
@Component
class ScheduledRangeReports {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRangeReports.class);

    private static final Duration POLL = Duration.ofSeconds(2);

    private final RunHistory history;
    private final RangeReports ranges;
    private final AuditLog audit;

    ScheduledRangeReports(RunHistory history, RangeReports ranges, AuditLog audit) {
        this.history = history;
        this.ranges = ranges;
        this.audit = audit;
    }

    /** Waits for the execution to end, then writes the job's range workbooks if it completed. */
    void afterRun(JobDefinition job, String period, long execution) throws InterruptedException {
        Optional<RunRecord> run = history.find(execution);
        while (run.isPresent() && !run.get().status().equals("COMPLETED") && run.get().running()) {
            Thread.sleep(POLL.toMillis());
            run = history.find(execution);
        }
        if (run.isEmpty() || !run.get().status().equals("COMPLETED")) {
            log.info("No range workbook after run {} of {} {}: it did not complete", execution, job.province(), period);
            return;
        }
        Path out = history.latestOutput(job.province(), period).orElseThrow();
        for (String from : job.rangeReportsFrom()) {
            if (YearMonth.parse(from).isAfter(YearMonth.parse(period))) {
                log.info("No range workbook from {} after run {}: {} is before it", from, execution, period);
                continue;
            }
            try {
                Path workbook = ranges.write(job.province(), from, period, out).workbook();
                log.info("Wrote the range workbook {} after run {} (job {})", workbook, execution, job.name());
                audit.record("schedule", "report.range", job.province() + " " + from + "/" + period + " → " + workbook);
            }
            catch (RuntimeException e) {
                log.error("The range workbook of {} {} to {} after run {} (job {}) could not be written: {}",
                        job.province(), from, period, execution, job.name(), e.getMessage(), e);
                audit.record("schedule", "report.range.failed", job.province() + " " + from + "/" + period + "：" + e.getMessage());
            }
        }
    }
}
