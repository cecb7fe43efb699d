package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

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

/** {@code purge}: applies the retention setting now, printing what it removed (or would remove). */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete the archived originals and staged rows of periods older than the retention; "
                + "published totals, workbooks and feedback stay, and purged periods can no longer be run.")
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
    StorageOptions storage;

    @Override
    public Integer call() {
        if (months != null && months < 1) {
            throw new ParameterException(spec.commandLine(), "--months must be at least 1");
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
            PurgeResult result = context.getBean(RetentionPurge.class).purge(retention, dryRun);
            result.report().forEach(out::println);
            out.flush();
            return result.busy().isEmpty() ? 0 : 1;
        }
    }
}
