package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

import org.provincial.reporting.publish.Publication;
import org.provincial.reporting.publish.Publications;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: keeps a completed run's workbook and figures, or those of a range of months, as the next revision
 * (SPEC §9, §10), for scripts.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish a completed run of a province and month (--period), or the months --from to --to: the "
                + "workbook and figures become the next revision, kept unchanged and downloaded by default. Exit "
                + "status 1 when it is refused.")
class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--province", required = true, paramLabel = "CODE")
    String province;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "The month whose run to publish")
    String period;

    @Option(names = "--execution", paramLabel = "ID",
            description = "The completed run to publish (default: the latest completed run of the province and period)")
    Long execution;

    @Option(names = "--from", paramLabel = "YYYY-MM", description = "The first month of the range to publish")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM", description = "The last month of the range to publish")
    String to;

    @Option(names = "--note", paramLabel = "TEXT",
            description = "What is published, for whom; required when the period was published before: the reason")
    String note;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        boolean range = from != null || to != null;
        if (period != null == range || range && (from == null || to == null || execution != null)) {
            throw new ParameterException(spec.commandLine(), "请给出 --period（一个月，可加 --execution），或 --from 和 --to"
                    + "（几个月的范围），两者只选其一");
        }
        try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
            PrintWriter out = spec.commandLine().getOut();
            Publications publications = context.getBean(Publications.class);
            try {
                Publication published;
                if (range) {
                    published = publications.publishRange(UserCommand.actor(), province, from, to, note);
                }
                else {
                    long run = execution != null ? execution : publications.latestCompleted(province, period)
                            .orElseThrow(() -> new NoSuchElementException(province + " " + period
                                    + " 还没有完成的运行，无可发布"));
                    published = publications.publish(UserCommand.actor(), province, period, run, note);
                }
                out.printf("已发布 %s %s 修订版 %d（%s，%d 字节，SHA-256 %s）%n", published.province(),
                        published.period(), published.revision(), published.executionId() == null
                                ? "各月运行的累计数" : "运行 " + published.executionId(), published.size(),
                        published.sha256());
                out.flush();
                return 0;
            }
            catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
                out.println("未发布：" + e.getMessage());
                out.flush();
                return 1;
            }
        }
    }
}
