package org.provincial.reporting.web;

import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.schedule.RunLauncher;
import org.provincial.reporting.security.AuditLog;

import org.springframework.stereotype.Service;

/** The admin actions of the pages and the API (launch, restart, stop), each written to the audit log once done. */
@Service
class AdminActions {

    private final RunLauncher launcher;
    private final AuditLog audit;
    private final RegionReference regions;

    AdminActions(RunLauncher launcher, AuditLog audit, RegionReference regions) {
        this.launcher = launcher;
        this.audit = audit;
        this.regions = regions;
    }

    long launch(String actor, String province, String period) {
        if (province == null || !regions.isProvince(province)) {
            throw new IllegalArgumentException("省份须为 GB/T 2260 的省级代码（如 440000），而不是“" + province + "”");
        }
        long execution = launcher.launch(province, period);
        audit.record(actor, "run.launch", province + " " + period + " → 运行 " + execution);
        return execution;
    }

    long restart(String actor, long executionId) {
        long execution = launcher.restart(executionId);
        audit.record(actor, "run.restart", "运行 " + executionId + " → 运行 " + execution);
        return execution;
    }

    void stop(String actor, long executionId) {
        launcher.stop(executionId);
        audit.record(actor, "run.stop", "运行 " + executionId);
    }
}
