package org.provincial.reporting.observability;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.submission.SubmissionRepository;
import org.provincial.reporting.submission.SubmissionRepository.DatasetRows;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Metrics read from the database, so they cover runs of every process sharing it: rows read, accepted, rejected and
 * deduplicated per dataset ({@code reporting.rows}), and per province the end of the last successful run
 * ({@code reporting.run.last.success}, epoch seconds) and its duration ({@code reporting.run.last.duration}).
 * Durations of the runs of this process come from Spring Batch's own {@code spring.batch.job} timer.
 * Values are read at most every {@link #MAX_AGE}.
 */
@Component
@ConditionalOnWebApplication
class PipelineMetrics implements MeterBinder {

    static final Duration MAX_AGE = Duration.ofSeconds(10);
    static final List<String> OUTCOMES = List.of("read", "accepted", "rejected", "deduplicated");

    private final JdbcTemplate jdbc;
    private final JobDefinitions jobs;
    private final SubmissionRepository submissions;
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private volatile Instant readAt = Instant.EPOCH;
    private volatile MeterRegistry registry;

    PipelineMetrics(JdbcTemplate jdbc, JobDefinitions jobs, SubmissionRepository submissions) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.submissions = submissions;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (String dataset : DatasetMappings.DATASETS) {
            for (String outcome : OUTCOMES) {
                Gauge.builder("reporting.rows", () -> value("rows:" + dataset + ":" + outcome))
                        .description("Rows of the processed submissions of a dataset, by outcome")
                        .tag("dataset", dataset).tag("outcome", outcome)
                        .register(registry);
            }
        }
        jobs.all().stream().map(JobDefinition::province).distinct().forEach(this::registerProvince);
    }

    private void registerProvince(String province) {
        Gauge.builder("reporting.run.last.success", () -> value("success:" + province))
                .description("When the last successful run of the province ended (seconds since the epoch)")
                .baseUnit("seconds").tag("province", province).register(registry);
        Gauge.builder("reporting.run.last.duration", () -> value("duration:" + province))
                .description("How long the last successful run of the province took")
                .baseUnit("seconds").tag("province", province).register(registry);
    }

    /** The value of the key, read from the database when older than {@link #MAX_AGE}: rows 0 until any are read. */
    private double value(String key) {
        refreshIfStale();
        return values.getOrDefault(key, key.startsWith("rows:") ? 0.0 : Double.NaN);
    }

    private synchronized void refreshIfStale() {
        if (Instant.now().isBefore(readAt.plus(MAX_AGE))) {
            return;
        }
        readAt = Instant.now();
        for (DatasetRows rows : submissions.rowsByDataset()) {
            long[] byOutcome = {rows.read(), rows.accepted(), rows.rejected(), rows.deduplicated()};
            for (int i = 0; i < OUTCOMES.size(); i++) {
                values.put("rows:" + rows.dataset() + ":" + OUTCOMES.get(i), (double) byOutcome[i]);
            }
        }
        jdbc.query("""
                select distinct on (p.parameter_value) p.parameter_value, e.start_time, e.end_time
                from batch_job_execution e
                join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                                                 and p.parameter_name = 'province'
                where e.status = 'COMPLETED'
                order by p.parameter_value, e.end_time desc
                """, rs -> {
                    String province = rs.getString(1);
                    LocalDateTime start = rs.getObject(2, LocalDateTime.class);
                    LocalDateTime end = rs.getObject(3, LocalDateTime.class);
                    if (values.putIfAbsent("success:" + province, 0.0) == null) {
                        registerProvince(province);
                    }
                    values.put("success:" + province, (double) end.atZone(ZoneId.systemDefault()).toEpochSecond());
                    values.put("duration:" + province, Duration.between(start, end).toMillis() / 1000.0);
                });
    }
}
