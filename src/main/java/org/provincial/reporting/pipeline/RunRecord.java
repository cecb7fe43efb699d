package org.provincial.reporting.pipeline;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * One execution as the web application, the API and {@code status} show it, with the message people can act
 * on (the failure's first line, or what a completed step reported).
 */
public record RunRecord(long id, String province, String period, String status, LocalDateTime start,
        LocalDateTime end, String failedStep, String message) {

    public boolean running() {
        return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
    }

    /** From start to end, or to now while it runs; null before it started. */
    public Duration duration() {
        if (start == null) {
            return null;
        }
        return Duration.between(start, end == null ? LocalDateTime.now() : end);
    }
}
