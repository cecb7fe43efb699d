package org.provincial.reporting.pipeline;

import java.time.LocalDateTime;

/** One step of an execution with its counts as stored in {@code batch_step_execution}, and its exit message's first line. */
public record StepRecord(String name, String status, long read, long written, long filtered, long skipped,
        long commits, long rollbacks, LocalDateTime start, LocalDateTime end, String exitCode, String exitMessage) {
}
