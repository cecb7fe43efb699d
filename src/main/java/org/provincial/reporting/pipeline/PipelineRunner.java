package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.reference.RegionLevel;
import org.provincial.reporting.reference.RegionReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Runs, restarts and lists executions of the provincial totals job. Before starting, it takes the province and
 * period's lock and recovers executions that a killed process left marked as running.
 */
@Service
public class PipelineRunner {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final SourceCredentials credentials;
    private final RegionReference regions;

    PipelineRunner(JobOperator jobOperator, JobRepository jobRepository, Job provincialTotalsJob, JdbcTemplate jdbc,
            DataSource dataSource, SourceCredentials credentials, RegionReference regions) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = provincialTotalsJob;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.credentials = credentials;
        this.regions = regions;
    }

    /** Starts a new run of the province and period and waits for it to end. */
    public RunSummary run(String province, String period, List<SourceLocation> sources, Path out,
            double rejectThreshold) throws Exception {
        if (!regions.isProvince(province)) {
            throw new IllegalArgumentException(province + " is not a province code of GB/T 2260");
        }
        credentials.remember(sources);
        RunParameters parameters = new RunParameters(province, period, System.currentTimeMillis(),
                sources.stream().map(SourceLocation::masked).toList(), out, rejectThreshold);
        try (PeriodLock lock = PeriodLock.acquire(dataSource, province, period)) {
            recoverDeadExecutions(province, period);
            JobExecution execution = jobOperator.start(job, parameters.toJobParameters());
            return summarize(execution);
        }
    }

    /** Resumes a failed or dead execution from its failed step; the sources given supply passwords. */
    public RunSummary restart(long executionId, List<SourceLocation> sources) throws Exception {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("There is no execution " + executionId);
        }
        credentials.remember(sources);
        JobParameters parameters = execution.getJobParameters();
        String province = parameters.getString(RunParameters.PROVINCE);
        String period = parameters.getString(RunParameters.PERIOD);
        try (PeriodLock lock = PeriodLock.acquire(dataSource, province, period)) {
            if (execution.getStatus().isRunning()) {
                log.warn("Execution {} was left running by a process that died; recovering it", executionId);
                execution = jobOperator.recover(execution);
            }
            return summarize(jobOperator.restart(execution));
        }
    }

    /** The latest execution of the province and period that did not complete, to restart. */
    public long latestUnfinished(String province, String period) {
        return status(province, period).stream()
                .filter(e -> !e.status().equals(BatchStatus.COMPLETED.name()))
                .max(Comparator.comparingLong(ExecutionStatus::id))
                .map(ExecutionStatus::id)
                .orElseThrow(() -> new IllegalArgumentException(
                        "There is no failed execution of " + province + " " + period + " to restart"));
    }

    /** Every execution, newest first, optionally of one province and/or period. */
    public List<ExecutionStatus> status(String province, String period) {
        return jdbc.query("""
                select e.job_execution_id, pr.parameter_value as province, pe.parameter_value as period,
                       e.status, e.start_time, e.end_time,
                       (select string_agg(s.step_name, ', ') from batch_step_execution s
                        where s.job_execution_id = e.job_execution_id and s.status in ('FAILED', 'STOPPED')) as failed_step
                from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
                join batch_job_execution_params pr on pr.job_execution_id = e.job_execution_id and pr.parameter_name = ?
                join batch_job_execution_params pe on pe.job_execution_id = e.job_execution_id and pe.parameter_name = ?
                where (?::text is null or pr.parameter_value = ?) and (?::text is null or pe.parameter_value = ?)
                order by e.job_execution_id desc
                """, (rs, i) -> new ExecutionStatus(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, java.time.LocalDateTime.class), rs.getObject(6, java.time.LocalDateTime.class),
                        rs.getString(7)),
                ProvincialTotalsJobConfiguration.JOB_NAME, RunParameters.PROVINCE, RunParameters.PERIOD,
                province, province, period, period);
    }

    private void recoverDeadExecutions(String province, String period) {
        for (JobExecution running : jobRepository.findRunningJobExecutions(ProvincialTotalsJobConfiguration.JOB_NAME)) {
            JobParameters parameters = running.getJobParameters();
            if (province.equals(parameters.getString(RunParameters.PROVINCE))
                    && period.equals(parameters.getString(RunParameters.PERIOD))) {
                log.warn("Execution {} of {} {} was left running by a process that died; recovering it",
                        running.getId(), province, period);
                jobOperator.recover(running);
            }
        }
    }

    RunSummary summarize(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        String province = parameters.getString(RunParameters.PROVINCE);
        String period = parameters.getString(RunParameters.PERIOD);
        List<Long> instanceExecutions = jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .map(JobExecution::getId).toList();
        Long[] executionIds = instanceExecutions.toArray(Long[]::new);
        int filesReceived = count("select count(*) from submission where collected_by = any(?)", (Object) executionIds);
        int filesCounted = count("select count(*) from submission where province = ? and period = ? and counted",
                province, period);
        int filesRejected = count("""
                select count(*) from submission
                where (province = ? and period = ? and status = 'REJECTED')
                   or (collected_by = any(?) and status in ('NAME_INVALID', 'SUBMITTER_MISMATCH'))""",
                province, period, executionIds);
        var rows = jdbc.queryForMap("""
                select coalesce(sum(rows_accepted), 0) as accepted, coalesce(sum(rows_rejected), 0) as rejected,
                       coalesce(sum(rows_deduplicated), 0) as deduplicated
                from submission where province = ? and period = ? and counted""", province, period);
        long conflicts = jdbc.queryForObject("select count(*) from conflict where province = ? and period = ?",
                Long.class, province, period);
        List<String> expected = regions.regionsOf(province).stream()
                .filter(r -> r.level() != RegionLevel.PROVINCE).map(r -> r.code()).toList();
        List<String> submitted = jdbc.queryForList("""
                select distinct submitter from submission where province = ? and period = ? and counted""",
                String.class, province, period);
        List<String> missing = expected.stream().filter(code -> !submitted.contains(code))
                .map(code -> code + " " + regions.get(code).name()).toList();
        String failedStep = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.STOPPED)
                .map(StepExecution::getStepName).findFirst().orElse(null);
        String failure = execution.getAllFailureExceptions().stream().map(PipelineRunner::rootMessage)
                .filter(Objects::nonNull).findFirst().orElse(null);
        String workbook = execution.getExecutionContext().containsKey("workbook")
                ? execution.getExecutionContext().getString("workbook") : null;
        return new RunSummary(execution.getId(), province, period, execution.getStatus().name(), failedStep, failure,
                filesReceived, filesCounted, filesRejected, ((Number) rows.get("accepted")).longValue(),
                ((Number) rows.get("rejected")).longValue(), ((Number) rows.get("deduplicated")).longValue(),
                conflicts, missing, expected.size(), workbook == null ? null : Path.of(workbook));
    }

    private int count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    /** The message people can act on: the failure's own, else that of the first cause that has one. */
    private static String rootMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
