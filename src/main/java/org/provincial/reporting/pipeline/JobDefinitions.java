package org.provincial.reporting.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/** The job definitions of {@code reporting.jobs} (YAML files, {@code jobs/*.yaml} by default). */
@Component
public class JobDefinitions {

    static final double DEFAULT_REJECT_THRESHOLD = 0.5;

    private final List<JobDefinition> definitions;

    JobDefinitions(ResourcePatternResolver resources, Environment environment,
            @Value("${reporting.jobs:classpath*:jobs/*.yaml}") String location) {
        List<JobDefinition> loaded = new ArrayList<>();
        try {
            for (Resource file : resources.getResources(location)) {
                loaded.add(parse(file, environment));
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

    @SuppressWarnings("unchecked")
    private static JobDefinition parse(Resource file, Environment environment) throws IOException {
        try (InputStream in = file.getInputStream()) {
            Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            String name = file.getFilename() == null ? "job" : file.getFilename().replaceFirst("\\.ya?ml$", "");
            Object province = yaml.get("province");
            if (province == null) {
                throw new IllegalStateException("The job definition " + file.getDescription() + " names no province");
            }
            List<String> sources = ((List<Object>) yaml.getOrDefault("sources", List.of())).stream()
                    .map(source -> environment.resolvePlaceholders(String.valueOf(source))).toList();
            Map<String, Object> period = (Map<String, Object>) yaml.getOrDefault("period", Map.of());
            List<String> rangeReportsFrom = ((List<Map<String, Object>>) yaml.getOrDefault("rangeReports", List.of()))
                    .stream().map(range -> String.valueOf(range.get("from"))).toList();
            for (String from : rangeReportsFrom) {
                if (!from.matches("\\d{4}-(0[1-9]|1[0-2])")) {
                    throw new IllegalStateException("The job definition " + file.getDescription()
                            + " asks for a range report from '" + from + "': give the first month as YYYY-MM");
                }
            }
            Object contact = yaml.get("contact");
            return new JobDefinition(name, String.valueOf(province), sources, (String) yaml.get("schedule"),
                    ((Number) period.getOrDefault("previousMonthUntilDay", 31)).intValue(),
                    ((Number) yaml.getOrDefault("rejectThreshold", DEFAULT_REJECT_THRESHOLD)).doubleValue(),
                    deadlineDay(yaml.get("deadlineDay"), file),
                    contact == null || String.valueOf(contact).isBlank() ? null : String.valueOf(contact).strip(),
                    rangeReportsFrom);
        }
    }

    /** {@code deadlineDay}: absent, or a day of the month from 1 to 31. */
    private static Integer deadlineDay(Object value, Resource file) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer day) || day < 1 || day > 31) {
            throw new IllegalStateException("The job definition " + file.getDescription()
                    + " has deadlineDay: " + value + "; it must be a day of the month from 1 to 31");
        }
        return day;
    }
}
