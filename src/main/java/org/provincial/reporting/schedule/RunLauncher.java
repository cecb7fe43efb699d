package org.provincial.reporting.schedule;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunsInProgress;
import org.provincial.reporting.storage.ReportingHome;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Service;

/**
 * Launches, restarts and stops runs for the web application and the schedules: each with the sources of
 * {@code serve --source}, else those of its province's job in jobs/, writing to the serve's output directory.
 */
@Service
public class RunLauncher {

    private final PipelineRunner runner;
    private final RunsInProgress runs;
    private final JobDefinitions jobs;
    private final List<SourceLocation> serveSources;
    private final Path out;
    private final MessageSourceAccessor texts;

    RunLauncher(PipelineRunner runner, RunsInProgress runs, JobDefinitions jobs, ServeProperties properties,
            ReportingHome home, MessageSourceAccessor texts) {
        this.runner = runner;
        this.runs = runs;
        this.jobs = jobs;
        this.serveSources = properties.sources().stream().map(SourceLocation::parse).toList();
        this.out = properties.out() != null ? properties.out().toAbsolutePath() : home.root().resolve("out");
        this.texts = texts;
    }

    /**
     * Starts a run of the province and period in the background and returns its execution id.
     *
     * @throws IllegalArgumentException for a province or period that is no such thing, or a province without sources
     * @throws IllegalStateException    when a run of the province and period is already in progress
     */
    public long launch(String province, String period) {
        try {
            YearMonth.parse(period == null ? "" : period);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException(texts.getMessage("period.invalid", new Object[] { period }));
        }
        return runner.start(province, period, sourcesFor(province), out, jobs.rejectThreshold(province));
    }

    /** Resumes a failed, stopped or dead execution in the background; returns the id of the new execution. */
    public long restart(long executionId) {
        return runner.restart(executionId, sourcesInUse());
    }

    public void stop(long executionId) {
        runs.stop(executionId);
    }

    /** The sources a run of the province collects from. */
    public List<SourceLocation> sourcesFor(String province) {
        if (!serveSources.isEmpty()) {
            return serveSources;
        }
        List<SourceLocation> sources = jobs.forProvince(province).map(JobDefinition::sources).orElse(List.of());
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(texts.getMessage("run.no-source", new Object[] { province }));
        }
        return sources;
    }

    /** The sources runs collect from: those of serve, else those of every job, each once. */
    public List<SourceLocation> sourcesInUse() {
        if (!serveSources.isEmpty()) {
            return serveSources;
        }
        Map<String, SourceLocation> byMasked = new LinkedHashMap<>();
        jobs.all().forEach(job -> job.sources()
                .forEach(source -> byMasked.putIfAbsent(source.masked(), source)));
        return List.copyOf(byMasked.values());
    }
}
