package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

import org.provincial.reporting.cumulative.RangeReports;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.ReportPeriod;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code report}: the workbook of a range of months from the months already run (SPEC §9), nothing collected again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the workbook of the months --from to --to (累计 figures, 环比 and 同比) from the months "
                + "already run; no file is collected or read again.")
class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--province", required = true, paramLabel = "CODE", description = "Province code, e.g. 440000")
    String province;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", description = "First month, e.g. 2024-12")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM",
            description = "Last month, e.g. 2025-02 (at most " + ReportPeriod.MAXIMUM_MONTHS + " months)")
    String to;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "Where the workbook goes (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        if (!RegionReference.load().isProvince(province)) {
            throw new ParameterException(spec.commandLine(), "--province 必须是省级行政区划代码，例如 440000 / --province"
                    + " must be a province code of GB/T 2260 like 440000; " + province + " is not one");
        }
        try {
            ReportPeriod.bounds(from, to);
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
            RangeReports.Written written;
            try {
                written = context.getBean(RangeReports.class).write(province, from, to, out);
            }
            catch (NoSuchElementException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter printed = spec.commandLine().getOut();
            ReportPeriod period = written.period();
            printed.println("Workbook: " + written.workbook());
            printed.println("Months counted (已汇总月份): " + String.join(", ", period.countedMonths()));
            if (!period.missing().isEmpty()) {
                printed.println("Months never completed, counted as empty (未汇总月份): " + String.join(", ", period.missing()));
            }
            printed.println("Compared with (环比): " + (period.previous() == null ? "— (no completed run)" : period.previous()));
            printed.println("Compared with (同比): " + (period.yearAgo() == null ? "— (no completed run)" : period.yearAgo()));
            printed.flush();
            return 0;
        }
    }
}
