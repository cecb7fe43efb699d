package org.provincial.reporting.web;

import java.util.NoSuchElementException;

import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.pipeline.RunInProgressException;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.schedule.RunLauncher;
import org.provincial.reporting.security.AuditLog;

import org.springframework.stereotype.Service;

/** The admin actions of the pages and the API (launch, restart, stop, upload pending feedback), each written to the audit log once done. */
@Service
class AdminActions {

    private final RunLauncher launcher;
    private final PipelineRunner runner;
    private final AuditLog audit;
    private final RegionReference regions;

    AdminActions(RunLauncher launcher, AuditLog audit, RegionReference regions, PipelineRunner runner) {
        this.launcher = launcher;
        this.runner = runner;
        this.audit = audit;
        this.regions = regions;
    }

    long launch(String actor, String province, String period) {
        if (province == null || !regions.isProvince(province)) {
            throw new IllegalArgumentException("省份须为 GB/T 2260 的省级代码（如 440000），而不是“" + province + "”");
        }
        long execution;
        try {
            execution = launcher.launch(province, period);
        }
        catch (RunInProgressException e) {
            throw inProgress(e);
        }
        audit.record(actor, "run.launch", province + " " + period + " → 运行 " + execution);
        return execution;
    }

    /**
     * @throws NoSuchElementException when there is no such run
     * @throws IllegalStateException  in Chinese when the run completed, was abandoned or still runs
     */
    long restart(String actor, long executionId) {
        RunRecord run = runner.find(executionId).orElseThrow(() -> new NoSuchElementException("没有运行 " + executionId));
        if (run.running()) {
            throw new IllegalStateException("运行 " + executionId + " 还在进行中，不能重新运行");
        }
        if ("COMPLETED".equals(run.status()) || "ABANDONED".equals(run.status())) {
            throw new IllegalStateException("运行 " + executionId + (run.status().equals("COMPLETED")
                    ? " 已完成，无需重新运行；要再算一次，请启动新的运行" : " 已放弃，不能重新运行"));
        }
        long execution;
        try {
            execution = launcher.restart(executionId);
        }
        catch (RunInProgressException e) {
            throw inProgress(e);
        }
        audit.record(actor, "run.restart", "运行 " + executionId + " → 运行 " + execution);
        return execution;
    }

    /** Uploads the pending feedback of the province and period with the sources runs use; returns what happened. */
    FeedbackResult uploadFeedback(String actor, String province, String period) {
        FeedbackResult result = runner.uploadPendingFeedback(province, period, launcher.sourcesInUse());
        audit.record(actor, "feedback.upload", province + " " + period + " → 上传 " + result.uploaded() + " 个文件，"
                + result.uploadFailures().size() + " 个仍待上传");
        return result;
    }

    /**
     * @throws NoSuchElementException when there is no such run
     * @throws IllegalStateException  in Chinese when it is not running
     */
    void stop(String actor, long executionId) {
        RunRecord run = runner.find(executionId).orElseThrow(() -> new NoSuchElementException("没有运行 " + executionId));
        if (!run.running()) {
            throw new IllegalStateException("运行 " + executionId + " 没有在进行中，无需停止");
        }
        launcher.stop(executionId);
        audit.record(actor, "run.stop", "运行 " + executionId);
    }

    private static IllegalStateException inProgress(RunInProgressException e) {
        return new IllegalStateException("已有 " + e.province() + " " + e.period() + " 的运行在进行中（可能在另一进程），"
                + "请等它结束后再试", e);
    }
}
