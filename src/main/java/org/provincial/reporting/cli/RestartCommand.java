package org.provincial.reporting.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.provincial.reporting.collect.CollectProperties;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.pipeline.RunSummary;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code restart}: resume a failed or killed execution from its failed step, with the passwords of its sources from
 * --source, the province's job in jobs/, or a prompt (refusing with exit status 2 when one is missing).
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Resume a failed (or killed) execution from its failed step.")
class RestartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    StorageOptions storage;

    /** Either an execution id or the province and period whose latest unfinished execution resumes. */
    static class Target {

        @Option(names = "--execution", required = true, paramLabel = "ID", description = "Execution id, as `status` lists it")
        Long execution;

        @ArgGroup(exclusive = false)
        PeriodTarget period;
    }

    /** The province and period whose latest unfinished execution resumes. */
    static class PeriodTarget {

        @Option(names = "--province", required = true, paramLabel = "CODE")
        String province;

        @Option(names = "--period", required = true, paramLabel = "YYYY-MM")
        String period;
    }

    @Override
    public Integer call() throws Exception {
        List<SourceLocation> given = parsedSources();
        try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
            RunHistory history = context.getBean(RunHistory.class);
            long execution = target.execution != null ? target.execution
                    : history.latestUnfinished(target.period.province, target.period.period);
            Optional<RunRecord> record = history.find(execution);
            // every password the restart may need, known before it starts (collection and feedback upload)
            List<SourceLocation> sources = Passwords.complete("Restarting execution " + execution,
                    history.sourcesToResume(execution), given, record.flatMap(run -> context
                            .getBean(JobDefinitions.class).forProvince(run.province())), spec.commandLine());
            // a restart creates an execution of its own, which a lost database may leave marked as running: only
            // the province and period find that one again (restarting this id would be refused as still running)
            String resume = record.map(run -> "--province " + run.province() + " --period " + run.period())
                    .orElse("--execution " + execution) + Passwords.sourceArguments(given);
            SummaryPrinter.printCollectionWait(context.getBean(CollectProperties.class), spec.commandLine().getOut());
            RunSummary summary;
            try {
                summary = context.getBean(PipelineRunner.class).restartAndWait(execution, sources);
            }
            catch (Exception e) {
                if (!SummaryPrinter.databaseLost(e)) {
                    throw e;
                }
                SummaryPrinter.printDatabaseLost("Restart of execution " + execution, e, resume,
                        spec.commandLine().getOut());
                return 1;
            }
            SummaryPrinter.print(summary, given, spec.commandLine().getOut());
            return summary.completed() ? 0 : 1;
        }
    }

    private List<SourceLocation> parsedSources() {
        try {
            return sourceOptions.parsed();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
