package org.provincial.reporting.schedule;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Options of {@code serve} ({@code reporting.serve.*}).
 *
 * @param enabled true in the process of {@code serve}: it recovers dead executions at start-up and runs the
 *                schedules of jobs/
 * @param sources the {@code --source}s of {@code serve}: when given, every run collects from these instead of the
 *                sources of its job in jobs/
 * @param out     where runs started by the web application and the schedules write workbooks (default
 *                {@code <home>/out})
 */
@ConfigurationProperties("reporting.serve")
public record ServeProperties(boolean enabled, List<String> sources, Path out) {

    public ServeProperties {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
