package org.provincial.reporting.pipeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.provincial.reporting.collect.CollectionResult;
import org.provincial.reporting.collect.CollectionResult.LeftFile;
import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SubmissionCollector;
import org.provincial.reporting.submission.SubmissionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: has the Camel routes poll every source and waits until they are drained, reporting the files left for a
 * later run, then takes back the files of the period an earlier version took for duplicates of another month's.
 */
class CollectTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CollectTasklet.class);

    private static final int PROGRESS_EVERY = 100;

    private final SubmissionCollector collector;
    private final SourceCredentials credentials;
    private final List<String> maskedSources;
    private final String province;
    private final String period;
    private final MessageSourceAccessor texts;

    CollectTasklet(SubmissionCollector collector, SourceCredentials credentials, List<String> maskedSources,
            String province, String period, MessageSourceAccessor texts) {
        this.collector = collector;
        this.credentials = credentials;
        this.maskedSources = maskedSources;
        this.province = province;
        this.period = period;
        this.texts = texts;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<SourceLocation> sources = maskedSources.stream().map(credentials::resolve).toList();
        long jobExecutionId = contribution.getStepExecution().getJobExecutionId();
        log.info("Collecting from {} source(s): {}", sources.size(), String.join(", ", maskedSources));
        AtomicInteger received = new AtomicInteger();
        CollectionResult result = collector.collect(province, sources, jobExecutionId, (source, path, status) -> {
            if (received.incrementAndGet() % PROGRESS_EVERY == 0) {
                log.info("  {} files received so far", received.get());
            }
        });
        contribution.getStepExecution().setReadCount(result.filesReceived());
        contribution.incrementWriteCount(result.byStatus().getOrDefault(SubmissionStatus.RECEIVED.name(), 0));
        log.info("Collected {} new file(s) {}", result.filesReceived(), result.byStatus());
        if (!result.left().isEmpty()) {
            // counted as filtered on the step and described in its exit message: the run's page shows both
            contribution.incrementFilterCount(result.left().size());
            contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(texts.getMessage("collect.left",
                    new Object[] { result.left().size(), result.left().stream().map(LeftFile::remotePath)
                            .collect(Collectors.joining("、")) })));
            log.warn("Left {} file(s) still changing for a later run", result.left().size());
        }
        int receivedAgain = collector.receiveDuplicatesOfOtherSubmissions(province, period);
        if (receivedAgain > 0) {
            contribution.incrementWriteCount(receivedAgain);
            log.info("{} file(s) of {} {} taken before for duplicates of another month's are received again",
                    receivedAgain, province, period);
        }
        return RepeatStatus.FINISHED;
    }
}
