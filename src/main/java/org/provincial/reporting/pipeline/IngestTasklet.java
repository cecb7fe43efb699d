package org.provincial.reporting.pipeline;

import java.util.List;

import org.provincial.reporting.ingest.IngestOutcome;
import org.provincial.reporting.ingest.SubmissionIngester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 2: parses, validates and stages each received file of the province and period, one file per transaction,
 * so a restart goes on with the files not yet done. Read = data rows, written = accepted, skipped = rejected.
 */
class IngestTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(IngestTasklet.class);

    private final SubmissionIngester ingester;
    private final JdbcTemplate jdbc;
    private final String province;
    private final String period;
    private final double rejectThreshold;
    private int filesDone;
    private long startedNanos;

    IngestTasklet(SubmissionIngester ingester, JdbcTemplate jdbc, String province, String period,
            double rejectThreshold) {
        this.ingester = ingester;
        this.jdbc = jdbc;
        this.province = province;
        this.period = period;
        this.rejectThreshold = rejectThreshold;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (startedNanos == 0) {
            startedNanos = System.nanoTime();
        }
        List<Long> next = jdbc.queryForList("""
                select id from submission
                where province = ? and period = ? and status = 'RECEIVED'
                order by received_at, id limit 1""", Long.class, province, period);
        if (next.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        int filesLeft = jdbc.queryForObject(
                "select count(*) from submission where province = ? and period = ? and status = 'RECEIVED'",
                Integer.class, province, period);
        long fileStarted = System.nanoTime();
        StepExecution step = contribution.getStepExecution();
        IngestOutcome outcome = ingester.ingest(next.get(0), rejectThreshold, step.getJobExecutionId());
        filesDone++;
        step.setReadCount(step.getReadCount() + outcome.rowsRead());
        contribution.incrementWriteCount(outcome.rowsAccepted());
        contribution.incrementProcessSkipCount(outcome.rowsRejected());
        double seconds = Math.max((System.nanoTime() - fileStarted) / 1e9, 1e-3);
        log.info("  [{}/{}] {}: {} rows, {} accepted, {} rejected, {} ({} rows/s)", filesDone,
                filesDone + filesLeft - 1, outcome.fileName(), outcome.rowsRead(), outcome.rowsAccepted(),
                outcome.rowsRejected(), outcome.status(), Math.round(outcome.rowsRead() / seconds));
        return RepeatStatus.CONTINUABLE;
    }
}
