package org.provincial.reporting.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.checks.CheckCounts;
import org.provincial.reporting.checks.Checks;
import org.provincial.reporting.checks.SubmissionFigures;
import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SubmissionCollector;
import org.provincial.reporting.dedup.DedupResult;
import org.provincial.reporting.dedup.Deduplicator;
import org.provincial.reporting.dedup.Deduplicator.PartitionOutcome;
import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.feedback.FeedbackWriter;
import org.provincial.reporting.ingest.StagedRows;
import org.provincial.reporting.ingest.SubmissionIngester;
import org.provincial.reporting.report.PublicationDifferences;
import org.provincial.reporting.report.PublicationDifferences.Comparison;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.report.WorkbookWriter;
import org.provincial.reporting.submission.SubmissionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly job for one province and period: collect → ingest → deduplicate → aggregate (totals and checks), then
 * report beside feedback. Every step is idempotent, so a failed run restarts at its failed step and a completed step can run again
 * without double counting.
 */
@Configuration(proxyBeanMethods = false)
class ProvincialTotalsJobConfiguration {

    static final String JOB_NAME = "provincialTotals";

    private static final Logger log = LoggerFactory.getLogger(ProvincialTotalsJobConfiguration.class);

    /**
     * The workbook is written while the feedback is: both need the checks' warnings (the 复核 sheet, each submitter's
     * 请核实), so both follow the totals and the checks.
     */
    @Bean
    Job provincialTotalsJob(JobRepository jobRepository, Step collectStep, Step ingestStep, Step deduplicateStep,
            Step aggregateStep, Step reportStep, Step feedbackStep) {
        Flow workbook = new FlowBuilder<Flow>("workbook").start(reportStep).build();
        Flow feedback = new FlowBuilder<Flow>("submitterFeedback").start(feedbackStep).build();
        Flow workbookBesideFeedback = new FlowBuilder<Flow>("workbookBesideFeedback")
                .split(new SimpleAsyncTaskExecutor("run-flow-"))
                .add(workbook, feedback)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .flow(collectStep)
                .next(ingestStep)
                .next(deduplicateStep)
                .next(aggregateStep)
                .next(workbookBesideFeedback)
                .end()
                .build();
    }

    @Bean
    Step collectStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            CollectTasklet collectTasklet) {
        return new StepBuilder("collect", jobRepository).tasklet(StepFailedException.told(collectTasklet), transactionManager).build();
    }

    @Bean
    Step ingestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            IngestTasklet ingestTasklet) {
        return new StepBuilder("ingest", jobRepository).tasklet(StepFailedException.told(ingestTasklet), transactionManager).build();
    }

    /**
     * Deduplication over {@code reporting.partitions} partitions run in parallel, each on its own connection; their
     * results become the current ones together ({@link Deduplicator#publish}).
     */
    @Bean
    Step deduplicateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Deduplicator deduplicator, StepExecutionListener stagedRowsRestored,
            @Value("${reporting.partitions:0}") int partitions) {
        Step worker = partitionStep("deduplicate", (contribution, chunkContext) -> {
            StepExecution partition = contribution.getStepExecution();
            PartitionOutcome outcome = deduplicator.deduplicatePartition(partition.getJobExecutionId(), province(partition),
                    period(partition), RunPartitions.partition(partition), RunPartitions.partitions(partition));
            ExecutionContext results = partition.getExecutionContext();
            outcome.factsByDataset().forEach((dataset, facts) -> results.putLong(FACTS + dataset, facts));
            results.putLong(DUPLICATES, outcome.duplicates());
            results.putLong(CONFLICTS, outcome.conflicts());
            return RepeatStatus.FINISHED;
        }, jobRepository, transactionManager);
        return partitionedStep("deduplicate", worker, partitions, jobRepository, stagedRowsRestored,
                manager -> deduplicator.prepare(province(manager), period(manager)),
                (manager, executions) -> {
                    List<PartitionOutcome> outcomes = executions.stream().map(execution -> {
                        ExecutionContext results = execution.getExecutionContext();
                        Map<String, Long> facts = new LinkedHashMap<>();
                        results.entrySet().stream().filter(entry -> entry.getKey().startsWith(FACTS))
                                .forEach(entry -> facts.put(entry.getKey().substring(FACTS.length()),
                                        ((Number) entry.getValue()).longValue()));
                        return new PartitionOutcome(facts, results.getLong(DUPLICATES), results.getLong(CONFLICTS));
                    }).toList();
                    DedupResult result = deduplicator.publish(manager.getJobExecutionId(), province(manager),
                            period(manager), outcomes);
                    log.info("Deduplicated: {} counted submission(s), facts {}, {} copies removed, {} conflict(s), "
                            + "in {} partition(s)",
                            result.countedSubmissions(), result.factsByDataset(), result.duplicatesRemoved(),
                            result.conflicts(), executions.size());
                });
    }

    /**
     * The totals over {@code reporting.partitions} partitions run in parallel, each on its own connection; their
     * sums become the totals, and the checks run on them, in one transaction ({@link TotalsCalculator#publish}).
     */
    @Bean
    Step aggregateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            TotalsCalculator totals, Checks checks, StepExecutionListener stagedRowsRestored,
            @Value("${reporting.partitions:0}") int partitions) {
        Step worker = partitionStep("aggregate", (contribution, chunkContext) -> {
            StepExecution partition = contribution.getStepExecution();
            totals.calculatePartition(partition.getJobExecutionId(), province(partition), period(partition),
                    RunPartitions.partition(partition), RunPartitions.partitions(partition));
            return RepeatStatus.FINISHED;
        }, jobRepository, transactionManager);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        return partitionedStep("aggregate", worker, partitions, jobRepository, stagedRowsRestored,
                manager -> totals.prepare(province(manager), period(manager)),
                (manager, executions) -> transaction.executeWithoutResult(status -> {
                    String province = province(manager);
                    long figures = totals.publish(manager.getJobExecutionId(), province, period(manager));
                    manager.setWriteCount(figures);
                    log.info("Aggregated {} figures for every region of {}", figures, province);
                    long started = System.nanoTime();
                    CheckCounts warnings = checks.check(province, period(manager));
                    log.info("Checked the totals in {} ms: {} warning(s) (高 {}, 中 {}, 低 {})",
                            (System.nanoTime() - started) / 1_000_000, warnings.total(), warnings.high(),
                            warnings.medium(), warnings.low());
                }));
    }

    /** The results a deduplication partition hands back in its execution context. */
    private static final String FACTS = "facts.";
    private static final String DUPLICATES = "duplicates";
    private static final String CONFLICTS = "conflicts";

    /**
     * A step that runs {@code worker} over the partitions ({@code partitions}, 0 for one per processor up to four)
     * in parallel, then publishes their results; like the other recomputing steps it runs again on every restart,
     * every partition with it (the run-scoped results of a failed attempt are deleted first).
     */
    private static Step partitionedStep(String name, Step worker, int partitions, JobRepository jobRepository,
            StepExecutionListener stagedRowsRestored, Consumer<StepExecution> prepare,
            PublishingPartitionHandler.Publication publication) {
        // each partition holds a database connection of the pool (10 by default) for its whole time, as ingest's threads
        int count = partitions > 0 ? partitions : Math.min(Runtime.getRuntime().availableProcessors(), 4);
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-partition-");
        threads.setConcurrencyLimit(count);
        TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
        local.setStep(worker);
        local.setTaskExecutor(threads);
        local.setGridSize(count);
        return new StepBuilder(name, jobRepository).listener(stagedRowsRestored).allowStartIfComplete(true)
                .partitioner(name, new RunPartitions())
                .partitionHandler(new PublishingPartitionHandler(local, prepare, publication))
                .build();
    }

    /** The step of one partition: it runs again on every restart, as its manager does. */
    private static Step partitionStep(String name, Tasklet tasklet, JobRepository jobRepository,
            PlatformTransactionManager transactionManager) {
        return new StepBuilder(name + "Partition", jobRepository).tasklet(StepFailedException.told(tasklet),
                transactionManager)
                .allowStartIfComplete(true).build();
    }

    private static String province(StepExecution execution) {
        return execution.getJobParameters().getString(RunParameters.PROVINCE);
    }

    private static String period(StepExecution execution) {
        return execution.getJobParameters().getString(RunParameters.PERIOD);
    }

    @Bean
    Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet reportTasklet, StepExecutionListener stagedRowsRestored) {
        return recomputingStep("report", reportTasklet, jobRepository, transactionManager, stagedRowsRestored);
    }

    @Bean
    Step feedbackStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet feedbackTasklet, StepExecutionListener stagedRowsRestored) {
        return recomputingStep("feedback", feedbackTasklet, jobRepository, transactionManager, stagedRowsRestored);
    }

    /**
     * A step that recomputes all it writes from what is stored, so it runs again on every restart; the staged rows
     * it reads are put back first if PostgreSQL lost them.
     */
    private static Step recomputingStep(String name, Tasklet tasklet, JobRepository jobRepository,
            PlatformTransactionManager transactionManager, StepExecutionListener stagedRowsRestored) {
        return new StepBuilder(name, jobRepository).tasklet(StepFailedException.told(tasklet), transactionManager)
                .listener(stagedRowsRestored).allowStartIfComplete(true).build();
    }

    /** Before a step that reads the period's staged rows: those a crash of PostgreSQL emptied are staged again. */
    @Bean
    StepExecutionListener stagedRowsRestored(StagedRows stagedRows) {
        return new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution stepExecution) {
                JobParameters parameters = stepExecution.getJobParameters();
                stagedRows.restore(parameters.getString(RunParameters.PROVINCE),
                        List.of(parameters.getString(RunParameters.PERIOD)));
            }
        };
    }

    @Bean
    @StepScope
    CollectTasklet collectTasklet(SubmissionCollector collector, SourceCredentials credentials, MessageSourceAccessor texts,
            @Value("#{jobParameters['" + RunParameters.SOURCES + "']}") String sources,
            @Value("#{jobParameters['" + RunParameters.PROVINCE + "']}") String province,
            @Value("#{jobParameters['" + RunParameters.PERIOD + "']}") String period) {
        return new CollectTasklet(collector, credentials, RunParameters.splitSources(sources), province, period, texts);
    }

    @Bean
    @StepScope
    IngestTasklet ingestTasklet(SubmissionIngester ingester, SubmissionFigures submissionFigures,
            SubmissionRepository submissions,
            PlatformTransactionManager transactionManager,
            @Value("#{jobParameters['" + RunParameters.PROVINCE + "']}") String province,
            @Value("#{jobParameters['" + RunParameters.PERIOD + "']}") String period,
            @Value("#{jobParameters['" + RunParameters.REJECT_THRESHOLD + "']}") Double rejectThreshold,
            @Value("${reporting.ingest.parallelism:0}") int parallelism) {
        // each thread holds a database connection of the pool (10 by default) while it stages its file
        int threads = parallelism > 0 ? parallelism : Math.min(Runtime.getRuntime().availableProcessors(), 4);
        return new IngestTasklet(ingester, submissionFigures, submissions, transactionManager, province, period,
                rejectThreshold, threads);
    }

    @Bean
    @StepScope
    Tasklet reportTasklet(WorkbookWriter writer, RunHistory history, PublicationDifferences differences,
            @Value("#{jobParameters['" + RunParameters.PROVINCE + "']}") String province,
            @Value("#{jobParameters['" + RunParameters.PERIOD + "']}") String period,
            @Value("#{jobParameters['" + RunParameters.OUT + "']}") String out) {
        return (contribution, chunkContext) -> {
            ReportPeriod month = ReportPeriod.month(province, period, history.completedPeriods(province));
            long execution = contribution.getStepExecution().getJobExecutionId();
            Comparison comparison = differences.compare(execution, month).orElse(null);
            if (comparison != null) {
                log.info("Compared with published revision {} in {} ms: {} figure(s) differ", comparison.revision(),
                        comparison.millis(), comparison.changed());
            }
            Path workbook = writer.write(month, Path.of(out), comparison);
            contribution.getStepExecution().getJobExecution().getExecutionContext()
                    .putString("workbook", workbook.toString());
            // the run's own copy, which a later run of the month does not overwrite: the downloads list each run's
            Path own = RunHistory.runWorkbook(Path.of(out), contribution.getStepExecution().getJobExecutionId(),
                    workbook.getFileName().toString());
            Files.createDirectories(own.getParent());
            Files.copy(workbook, own, StandardCopyOption.REPLACE_EXISTING);
            log.info("Wrote {} (this run's copy: {})", workbook, own);
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    @StepScope
    Tasklet feedbackTasklet(FeedbackWriter writer, MessageSourceAccessor texts,
            @Value("#{jobParameters['" + RunParameters.PROVINCE + "']}") String province,
            @Value("#{jobParameters['" + RunParameters.PERIOD + "']}") String period,
            @Value("#{jobParameters['" + RunParameters.OUT + "']}") String out) {
        return (contribution, chunkContext) -> {
            FeedbackResult result = writer.write(province, period, Path.of(out));
            contribution.incrementWriteCount(result.written());
            if (!result.uploadFailures().isEmpty() && result.uploaded() == 0) {
                // nobody got the feedback: a cause common to every upload (password unknown, server down), which a
                // restart with the right credentials repairs; the step fails, the run with it
                throw new IllegalStateException(texts.getMessage("feedback.upload.all-failed", new Object[] {
                        result.uploadFailures().size(), result.uploadFailures().get(0), province, period }));
            }
            if (!result.uploadFailures().isEmpty()) {
                // some submitters got theirs: the run completes with a warning, the rest stays pending
                contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(texts.getMessage(
                        "feedback.upload.some-failed", new Object[] { result.uploadFailures().size(),
                                String.join("；", result.uploadFailures()) })));
                log.warn("{} feedback upload(s) failed; they are pending (feedback --upload, or the next run)",
                        result.uploadFailures().size());
            }
            log.info("Wrote {} feedback file(s), uploaded {}", result.written(), result.uploaded());
            return RepeatStatus.FINISHED;
        };
    }
}
