package org.provincial.reporting.pipeline;

import java.time.LocalDateTime;

/** One execution of the job as {@code status} lists it. */
public record ExecutionStatus(long id, String province, String period, String status, LocalDateTime start,
        LocalDateTime end, String failedStep) {
}
