package org.provincial.reporting.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.provincial.reporting.checks.SubmissionFigures;
import org.provincial.reporting.ingest.IngestOutcome;
import org.provincial.reporting.ingest.SubmissionIngester;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.Received;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 2: parses, validates and stages each received file of the province and period, several files at a time
 * (one thread and one transaction per file), so that a restart goes on with the files not yet done and a stop takes
 * effect once the files in hand are done. Read = data rows, written = accepted, skipped = rejected.
 */
class IngestTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(IngestTasklet.class);

    /** Bytes of files each thread is given per batch, when there are enough: a stop waits for at most this much. */
    private static final long BATCH_BYTES_PER_THREAD = 8L << 20;

    private static final int MAX_BATCH_FILES = 500;

    private final SubmissionIngester ingester;
    private final SubmissionFigures submissionFigures;
    private final SubmissionRepository submissions;
    private final TransactionTemplate fileTransaction;
    private final String province;
    private final String period;
    private final double rejectThreshold;
    private final int parallelism;
    private final AtomicInteger filesDone = new AtomicInteger();

    IngestTasklet(SubmissionIngester ingester, SubmissionFigures submissionFigures, SubmissionRepository submissions,
            PlatformTransactionManager transactionManager, String province, String period, double rejectThreshold,
            int parallelism) {
        this.ingester = ingester;
        this.submissionFigures = submissionFigures;
        this.submissions = submissions;
        this.fileTransaction = new TransactionTemplate(transactionManager);
        this.fileTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.province = province;
        this.period = period;
        this.rejectThreshold = rejectThreshold;
        this.parallelism = parallelism;
    }

    /**
     * Ingests the next files, each in its own transaction: at least two per thread, and more until the batch holds
     * {@link #BATCH_BYTES_PER_THREAD} per thread, largest first, so that no thread waits long for the batch's last
     * file while a big one goes on alone.
     */
    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<Received> batch = new ArrayList<>();
        long batchBytes = 0;
        for (Received file : submissions.received(province, period, MAX_BATCH_FILES)) {
            if (batch.size() >= 2 * parallelism && batchBytes >= BATCH_BYTES_PER_THREAD * parallelism) {
                break;
            }
            batch.add(file);
            batchBytes += file.sizeBytes();
        }
        batch.sort(Comparator.comparingLong(Received::sizeBytes).reversed());
        List<Long> next = batch.stream().map(Received::id).toList();
        if (next.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        int filesLeft = submissions.countReceived(province, period);
        int total = filesDone.get() + filesLeft;
        StepExecution step = contribution.getStepExecution();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(parallelism, next.size()), task -> {
            Thread thread = new Thread(task, "ingest-" + step.getJobExecutionId());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<IngestOutcome>> outcomes = new ArrayList<>();
            for (long submission : next) {
                outcomes.add(workers.submit(() -> ingest(submission, step.getJobExecutionId(), total)));
            }
            Exception failure = null;
            for (Future<IngestOutcome> future : outcomes) {
                if (future.isCancelled()) {
                    continue;
                }
                try {
                    IngestOutcome outcome = future.get();
                    step.setReadCount(step.getReadCount() + outcome.rowsRead());
                    contribution.incrementWriteCount(outcome.rowsAccepted());
                    contribution.incrementProcessSkipCount(outcome.rowsRejected());
                }
                catch (ExecutionException e) {
                    // the files in hand are done all the same, each committed on its own; those not started wait for
                    // the restart: when the database is gone, each would wait for a connection in turn
                    outcomes.forEach(pending -> pending.cancel(false));
                    failure = failure == null && e.getCause() instanceof Exception cause ? cause : failure;
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        finally {
            workers.shutdownNow();
        }
        return RepeatStatus.CONTINUABLE;
    }

    private IngestOutcome ingest(long submission, long jobExecutionId, int total) {
        long started = System.nanoTime();
        IngestOutcome outcome = fileTransaction.execute(status -> {
            IngestOutcome ingested = ingester.ingest(submission, rejectThreshold, jobExecutionId);
            // the file's rows are final and just read: its figures for the checks commit with them
            submissionFigures.store(submission);
            return ingested;
        });
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
        log.info("  [{}/{}] {}: {} rows, {} accepted, {} rejected, {} ({} rows/s)", filesDone.incrementAndGet(),
                total, outcome.fileName(), outcome.rowsRead(), outcome.rowsAccepted(), outcome.rowsRejected(),
                outcome.status(), Math.round(outcome.rowsRead() / seconds));
        return outcome;
    }
}
