package org.provincial.reporting.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

import org.provincial.reporting.collect.CollectProperties;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.reference.RegionReference;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code run}: collect, validate, deduplicate and aggregate one province and period, and write the workbook. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Collect every source, then validate, deduplicate and aggregate the province's period and write the workbook.")
class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--province", required = true, paramLabel = "CODE", description = "Province code, e.g. 440000")
    String province;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "Reporting month, e.g. 2025-01")
    String period;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "Where the workbooks go (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() throws Exception {
        List<SourceLocation> given = parseOptions();
        List<SourceLocation> sources = given;
        try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
            JobDefinitions jobs = context.getBean(JobDefinitions.class);
            if (sources.isEmpty()) {
                sources = jobs.forProvince(province).map(JobDefinition::sources)
                        .orElseThrow(() -> new ParameterException(spec.commandLine(),
                                "No --source given and no job in jobs/ for the province " + province));
            }
            SummaryPrinter.printCollectionWait(context.getBean(CollectProperties.class), spec.commandLine().getOut());
            RunSummary summary;
            try {
                summary = context.getBean(PipelineRunner.class)
                        .startAndWait(province, period, sources, out, jobs.rejectThreshold(province));
            }
            catch (Exception e) {
                if (!SummaryPrinter.databaseLost(e)) {
                    throw e;
                }
                SummaryPrinter.printDatabaseLost("Run of " + province + " " + period, e,
                        "--province " + province + " --period " + period + Passwords.sourceArguments(given),
                        spec.commandLine().getOut());
                return 1;
            }
            SummaryPrinter.print(summary, given, spec.commandLine().getOut());
            return summary.completed() ? 0 : 1;
        }
    }

    private List<SourceLocation> parseOptions() {
        if (!RegionReference.load().isProvince(province)) {
            throw new ParameterException(spec.commandLine(),
                    "--province must be a province code of GB/T 2260 like 440000; " + province + " is not one");
        }
        try {
            YearMonth.parse(period);
        }
        catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--period must be a month like 2025-01");
        }
        try {
            return sourceOptions.parsed();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
