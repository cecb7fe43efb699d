package org.provincial.reporting.web;

import java.util.NoSuchElementException;

import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.schedule.RunLauncher;
import org.provincial.reporting.security.AuditLog;
import org.provincial.reporting.storage.RunInProgressException;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Service;

/** The admin actions of the pages and the API (launch, restart, stop, upload pending feedback), each written to the audit log once done. */
@Service
class AdminActions {

    private final RunLauncher launcher;
    private final PipelineRunner runner;
    private final RunHistory history;
    private final AuditLog audit;
    private final RegionReference regions;
    private final MessageSourceAccessor texts;

    AdminActions(RunLauncher launcher, AuditLog audit, RegionReference regions, PipelineRunner runner,
            RunHistory history, MessageSourceAccessor texts) {
        this.launcher = launcher;
        this.runner = runner;
        this.history = history;
        this.audit = audit;
        this.regions = regions;
        this.texts = texts;
    }

    long launch(String actor, String province, String period) {
        if (province == null || !regions.isProvince(province)) {
            throw new IllegalArgumentException(texts.getMessage("run.province.invalid", new Object[] { province }));
        }
        long execution;
        try {
            execution = launcher.launch(province, period);
        }
        catch (RunInProgressException e) {
            throw inProgress(e);
        }
        audit.record(actor, "run.launch", texts.getMessage("audit.run.launch",
                new Object[] { province, period, String.valueOf(execution) }));
        return execution;
    }

    /**
     * @throws NoSuchElementException when there is no such run
     * @throws IllegalStateException  in Chinese when the run completed, was abandoned or still runs
     */
    long restart(String actor, long executionId) {
        RunRecord run = find(executionId);
        if (run.running()) {
            throw new IllegalStateException(texts.getMessage("run.restart.running", id(executionId)));
        }
        if ("COMPLETED".equals(run.status()) || "ABANDONED".equals(run.status())) {
            throw new IllegalStateException(texts.getMessage(run.status().equals("COMPLETED")
                    ? "run.restart.completed" : "run.restart.abandoned", id(executionId)));
        }
        long execution;
        try {
            execution = launcher.restart(executionId);
        }
        catch (RunInProgressException e) {
            throw inProgress(e);
        }
        audit.record(actor, "run.restart", texts.getMessage("audit.run.restart",
                new Object[] { String.valueOf(executionId), String.valueOf(execution) }));
        return execution;
    }

    /** Uploads the pending feedback of the province and period with the sources runs use; returns what happened. */
    FeedbackResult uploadFeedback(String actor, String province, String period) {
        FeedbackResult result = runner.uploadPendingFeedback(province, period, launcher.sourcesInUse());
        audit.record(actor, "feedback.upload", texts.getMessage("audit.feedback.upload",
                new Object[] { province, period, result.uploaded(), result.uploadFailures().size() }));
        return result;
    }

    /**
     * @throws NoSuchElementException when there is no such run
     * @throws IllegalStateException  in Chinese when it is not running
     */
    void stop(String actor, long executionId) {
        RunRecord run = find(executionId);
        if (!run.running()) {
            throw new IllegalStateException(texts.getMessage("run.stop.not-running", id(executionId)));
        }
        launcher.stop(executionId);
        audit.record(actor, "run.stop", texts.getMessage("audit.run.stop", id(executionId)));
    }

    /**
     * @throws NoSuchElementException in Chinese when there is no such run
     */
    RunRecord find(long executionId) {
        return history.find(executionId)
                .orElseThrow(() -> new NoSuchElementException(texts.getMessage("run.missing", id(executionId))));
    }

    /** A run's number as the texts' only argument, without thousands separators. */
    private static Object[] id(long executionId) {
        return new Object[] { String.valueOf(executionId) };
    }

    private IllegalStateException inProgress(RunInProgressException e) {
        return new IllegalStateException(texts.getMessage("run.in-progress", new Object[] { e.province(), e.period() }),
                e);
    }
}
