package org.provincial.reporting.schedule;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.security.AuditLog;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** What a schedule does when it fires (the firing itself is tested with {@code serve}, in ServeCommandTests). */
@ExtendWith(OutputCaptureExtension.class)
class RunSchedulesTests {

    static final JobDefinition JOB = new JobDefinition("ningxia", "640000", List.of(), "* * * * * *", 15, 0.5, null, null,
            List.of());

    final RunLauncher launcher = mock(RunLauncher.class);
    final AuditLog audit = mock(AuditLog.class);
    final RunSchedules schedules = new RunSchedules(mock(JobDefinitions.class), launcher, audit,
            mock(ScheduledRangeReports.class));

    @Test
    void launchesThePeriodItsRuleGivesForTodayAndAuditsIt(CapturedOutput output) {
        String period = JOB.periodFor(LocalDate.now()).toString();
        when(launcher.launch("640000", period)).thenReturn(42L);

        schedules.fire(JOB);

        assertThat(output).contains("Scheduled run 42 of 640000 " + period + " started (job ningxia)");
        verify(audit).record("schedule", "run.launch", "640000 " + period + " → 运行 42（任务 ningxia）");
    }

    @Test
    void skipsARunWhoseProvinceAndPeriodAreAlreadyRunningWithALogLine(CapturedOutput output) {
        String period = JOB.periodFor(LocalDate.now()).toString();
        when(launcher.launch("640000", period)).thenThrow(new IllegalStateException(
                "A run of 640000 " + period + " is already in progress in another process; wait for it to end."));

        schedules.fire(JOB);

        assertThat(output).contains("Skipped the scheduled run of 640000 " + period + " (job ningxia): A run of 640000 "
                + period + " is already in progress");
        verifyNoInteractions(audit);
    }
}
