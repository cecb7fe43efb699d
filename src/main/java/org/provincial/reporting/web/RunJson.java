package org.provincial.reporting.web;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.reference.DisplayZone;

/** A run as the API answers it: times with their offset in the display zone ({@code 2025-01-20T09:30:00+08:00}). */
record RunJson(long id, String province, String period, String status, OffsetDateTime start, OffsetDateTime end,
        String failedStep, String message) {

    /** Spring Batch keeps its times as this machine's local time, without zone. */
    static RunJson of(RunRecord run, DisplayZone zone) {
        return new RunJson(run.id(), run.province(), run.period(), run.status(),
                run.start() == null ? null : zone.at(run.start().atZone(ZoneId.systemDefault()).toInstant()),
                run.end() == null ? null : zone.at(run.end().atZone(ZoneId.systemDefault()).toInstant()),
                run.failedStep(), run.message());
    }
}
