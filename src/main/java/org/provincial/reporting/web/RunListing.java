package org.provincial.reporting.web;

import java.util.List;
import java.util.Optional;

import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunRecord;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The runs list a page at a time: the page's executions are chosen and counted in SQL (newest first, optionally of
 * one province and/or period), and each is read as {@link PipelineRunner#find} reads it.
 */
@Component
class RunListing {

    /** The executions of the pipeline's job with their province and period, as PipelineRunner records them. */
    private static final String MATCHING = """
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = 'provincialTotals'
            join batch_job_execution_params pr on pr.job_execution_id = e.job_execution_id
                                              and pr.parameter_name = 'province'
            join batch_job_execution_params pe on pe.job_execution_id = e.job_execution_id
                                              and pe.parameter_name = 'period'
            where (?::text is null or pr.parameter_value = ?) and (?::text is null or pe.parameter_value = ?)
            """;

    private final JdbcTemplate jdbc;
    private final PipelineRunner runner;

    RunListing(JdbcTemplate jdbc, PipelineRunner runner) {
        this.jdbc = jdbc;
        this.runner = runner;
    }

    /** The runs that match, newest first, at most {@code limit} from {@code offset} on. */
    List<RunRecord> runs(String province, String period, long offset, int limit) {
        return jdbc.queryForList("select e.job_execution_id " + MATCHING
                        + " order by e.job_execution_id desc limit ? offset ?", Long.class,
                        province, province, period, period, limit, offset).stream()
                .map(runner::find).flatMap(Optional::stream).toList();
    }

    /** How many runs match. */
    long count(String province, String period) {
        return jdbc.queryForObject("select count(*) " + MATCHING, Long.class, province, province, period, period);
    }
}
