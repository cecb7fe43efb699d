package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status}: one line per execution, newest first. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "List executions, newest first.")
class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--province", paramLabel = "CODE")
    String province;

    @Option(names = "--period", paramLabel = "YYYY-MM")
    String period;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-6s %-8s %-8s %-10s %-19s %-19s %s%n", "id", "province", "period", "status", "start", "end",
                    "failed step");
            for (RunRecord e : context.getBean(RunHistory.class).runs(province, period, Integer.MAX_VALUE)) {
                out.printf("%-6d %-8s %-8s %-10s %-19s %-19s %s%n", e.id(), e.province(), e.period(), e.status(),
                        e.start() == null ? "-" : TIME.format(e.start()), e.end() == null ? "-" : TIME.format(e.end()),
                        e.failedStep() == null ? "" : e.failedStep());
            }
            out.flush();
            return 0;
        }
    }
}
