package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.retention.PurgeResult;
import org.provincial.reporting.retention.RetentionProperties;
import org.provincial.reporting.retention.RetentionPurge;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code purge}: applies the retention setting now, printing what it removed (or would remove); exit status 1 when
 * a period was busy or an annotated copy could not be deleted (the next purge retries both).
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete the archived originals, staged rows and annotated copies (…-批注.xlsx: under the home, "
                + "in output folders, on the sources) of periods older than the retention; published totals, "
                + "workbooks and the masked feedback stay, and purged periods can no longer be run.")
class PurgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--months", paramLabel = "N",
            description = "Purge periods that ended more than N months ago (default: reporting.retention.months, "
                    + "$REPORTING_RETENTION_MONTHS)")
    Integer months;

    @Option(names = "--dry-run", description = "List what would be purged without changing anything")
    boolean dryRun;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        if (months != null && months < 1) {
            throw new ParameterException(spec.commandLine(), "--months must be at least 1");
        }
        List<SourceLocation> sources;
        try {
            // passwords for deleting annotated copies from the sources, beside those of jobs/
            sources = sourceOptions.parsed();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
            PrintWriter out = spec.commandLine().getOut();
            int retention = months != null ? months : context.getBean(RetentionProperties.class).months();
            if (retention == 0) {
                out.println("Retention is off (reporting.retention.months=0): nothing is purged; set it or pass"
                        + " --months N");
                out.flush();
                return 0;
            }
            context.getBean(SourceCredentials.class).remember(sources);
            PurgeResult result = context.getBean(RetentionPurge.class).purge(retention, dryRun);
            result.report().forEach(out::println);
            out.flush();
            return result.busy().isEmpty() && result.annotatedCopies().pending().isEmpty() ? 0 : 1;
        }
    }
}
