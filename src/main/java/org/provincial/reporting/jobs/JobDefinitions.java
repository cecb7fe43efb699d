package org.provincial.reporting.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.reference.YamlBinding;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/** The job definitions of {@code reporting.jobs} (YAML files, {@code jobs/*.yaml} by default). */
@Component
public class JobDefinitions {

    static final double DEFAULT_REJECT_THRESHOLD = 0.5;

    /** Without {@code period: previousMonthUntilDay}, a scheduled run reports the month it runs in. */
    static final int DEFAULT_PREVIOUS_MONTH_UNTIL_DAY = 31;

    private final List<JobDefinition> definitions;

    public JobDefinitions(ResourcePatternResolver resources, Environment environment,
            @Value("${reporting.jobs:classpath*:jobs/*.yaml}") String location) {
        List<JobDefinition> loaded = new ArrayList<>();
        try {
            for (Resource file : YamlBinding.firstOfEachName(resources.getResources(location))) {
                JobDefinition job = parse(file, environment);
                loaded.stream().filter(other -> other.province().equals(job.province())).findFirst().ifPresent(other -> {
                    throw new IllegalStateException("The job definition " + file.getDescription() + " is for the"
                            + " province " + job.province() + ", as the job " + other.name() + " is: one job a province");
                });
                loaded.add(job);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job definitions at " + location, e);
        }
        this.definitions = List.copyOf(loaded);
    }

    public List<JobDefinition> all() {
        return definitions;
    }

    public Optional<JobDefinition> forProvince(String province) {
        return definitions.stream().filter(d -> d.province().equals(province)).findFirst();
    }

    public double rejectThreshold(String province) {
        return forProvince(province).map(JobDefinition::rejectThreshold).orElse(DEFAULT_REJECT_THRESHOLD);
    }

    private static JobDefinition parse(Resource file, Environment environment) {
        String origin = "job definition " + file.getDescription();
        JobFile yaml = YamlBinding.read(file, JobFile.class, "job definition");
        String name = file.getFilename() == null ? "job" : file.getFilename().replaceFirst("\\.ya?ml$", "");
        if (yaml.province() == null) {
            throw new IllegalStateException("The " + origin + " names no province");
        }
        List<SourceLocation> sources = new ArrayList<>();
        List<SourceFile> declared = yaml.sources() == null ? List.of() : yaml.sources();
        for (int i = 0; i < declared.size(); i++) {
            try {
                sources.add(declared.get(i).location(environment));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalStateException("The " + origin + ", sources[" + i + "]: " + e.getMessage(), e);
            }
        }
        List<String> rangeReportsFrom = (yaml.rangeReports() == null ? List.<RangeFile>of() : yaml.rangeReports())
                .stream().map(range -> String.valueOf(range.from())).toList();
        for (String from : rangeReportsFrom) {
            if (!from.matches("\\d{4}-(0[1-9]|1[0-2])")) {
                throw new IllegalStateException("The " + origin + " asks for a range report from '" + from
                        + "': give the first month as YYYY-MM");
            }
        }
        if (yaml.schedule() != null && !yaml.schedule().isBlank() && !CronExpression.isValidExpression(yaml.schedule())) {
            throw new IllegalStateException("The " + origin + " has schedule: '" + yaml.schedule() + "', which is no"
                    + " Spring cron expression (second minute hour day month weekday, e.g. \"0 30 1 * * *\")");
        }
        if (yaml.rejectThreshold() != null && !(yaml.rejectThreshold() >= 0 && yaml.rejectThreshold() <= 1)) {
            throw new IllegalStateException("The " + origin + " has rejectThreshold: " + yaml.rejectThreshold()
                    + "; it must be a share from 0 to 1 (0.5: more than half of the data rows invalid)");
        }
        Integer deadlineDay = yaml.deadlineDay();
        if (deadlineDay != null && (deadlineDay < 1 || deadlineDay > 31)) {
            throw new IllegalStateException("The " + origin + " has deadlineDay: " + deadlineDay
                    + "; it must be a day of the month from 1 to 31");
        }
        String contact = yaml.contact();
        Integer untilDay = yaml.period() == null ? null : yaml.period().previousMonthUntilDay();
        return new JobDefinition(name, yaml.province(), List.copyOf(sources), yaml.schedule(),
                untilDay == null ? DEFAULT_PREVIOUS_MONTH_UNTIL_DAY : untilDay,
                yaml.rejectThreshold() == null ? DEFAULT_REJECT_THRESHOLD : yaml.rejectThreshold(), deadlineDay,
                contact == null || contact.isBlank() ? null : contact.strip(), rangeReportsFrom);
    }

    /** The keys of a {@code jobs/<name>.yaml} file, as written; docs/configuration.md describes each. */
    record JobFile(String province, List<SourceFile> sources, String schedule, PeriodFile period,
            Double rejectThreshold, Integer deadlineDay, String contact, List<RangeFile> rangeReports) {
    }

    /** {@code period:} of a job file. */
    record PeriodFile(Integer previousMonthUntilDay) {
    }

    /** One entry of {@code rangeReports:} of a job file. */
    record RangeFile(String from) {
    }

    /**
     * One entry of {@code sources:} of a job file: a URL alone ({@code "ftp://user:pass@host/"}, special characters of
     * the login percent-encoded) or {@code url} with {@code username} and {@code password} as they are; each may hold
     * ${VAR} placeholders, resolved from the environment (in the user name and password a variable that is not set
     * and has no default stops start-up, rather than becoming the password).
     */
    record SourceFile(String url, String username, String password) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        SourceFile {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static SourceFile of(String url) {
            return new SourceFile(url, null, null);
        }

        SourceLocation location(Environment environment) {
            return SourceLocation.parse(url == null ? null : environment.resolvePlaceholders(url))
                    .withLogin(resolved(username, environment), resolved(password, environment));
        }

        private static String resolved(String text, Environment environment) {
            return text == null ? null : environment.resolveRequiredPlaceholders(text);
        }
    }
}
