import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.provincial.reporting.ingest.read.FileFormat;
import org.provincial.reporting.ingest.read.SheetRow;
import org.provincial.reporting.ingest.read.TableReader;
import org.provincial.reporting.ingest.read.TableReaders;
import org.provincial.reporting.ingest.validate.HeaderLayout;
import org.provincial.reporting.ingest.validate.HeaderLocator;
import org.provincial.reporting.ingest.validate.RowValidator;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.RegionReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * The Java half of ingest on its own: reads and validates every visits file of a generated source (bench/Generate.java)
 * on one thread, as SubmissionIngester does before COPY, and prints the thread's CPU seconds per pass. CPU time, unlike
 * wall time, barely moves when other processes share the cores, so two builds can be compared on a busy machine.
 *
 *   java -cp 'BOOT-INF/classes:BOOT-INF/lib/*' bench/IngestCpu.java --source DIR --mappings DIR --period YYYY-MM [--format csv|xlsx] [--passes 5]
 *
 * The classes come from the jar under test (unpacked); its summary-row check is called when the build has one.
 */
public class IngestCpu {

    public static void main(String[] args) throws Exception {
        Path source = Path.of(option(args, "--source", null));
        Path mappingsDir = Path.of(option(args, "--mappings", null));
        YearMonth period = YearMonth.parse(option(args, "--period", "2025-01"));
        int passes = Integer.parseInt(option(args, "--passes", "5"));
        FileFormat format = FileFormat.valueOf(option(args, "--format", "csv").toUpperCase());
        String extension = format.name().toLowerCase();

        List<Resource> yaml = new ArrayList<>();
        try (Stream<Path> files = Files.list(mappingsDir)) {
            files.filter(file -> file.toString().endsWith(".yaml") && !file.getFileName().toString().equals("checks.yaml"))
                    .sorted().forEach(file -> yaml.add(new FileSystemResource(file)));
        }
        DatasetMapping visits = DatasetMappings.load(yaml).get("visits");
        RegionReference regions = RegionReference.load();
        Method summaryRows = summaryRowCheck();
        List<Path> visitsFiles;
        try (Stream<Path> files = Files.walk(source)) {
            visitsFiles = files.filter(file -> file.getFileName().toString().matches("\\d{6}_visits_.*\\." + extension))
                    .sorted().toList();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int pass = 1; pass <= passes; pass++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long rows = 0;
            long valid = 0;
            for (Path file : visitsFiles) {
                String submitter = file.getFileName().toString().substring(0, 6);
                RowValidator validator = new RowValidator(visits, regions, submitter, period);
                HeaderLocator locator = new HeaderLocator(visits);
                HeaderLayout layout = null;
                try (TableReader reader = TableReaders.open(file, format)) {
                    for (SheetRow row = reader.next(); row != null; row = reader.next()) {
                        if (layout == null) {
                            Optional<HeaderLayout> header = locator.offer(row.rowNumber(), row.cells());
                            layout = header.orElse(null);
                            continue;
                        }
                        if (summaryRows != null && summaryRows.invoke(null, row.cells()) != null) {
                            continue;
                        }
                        rows++;
                        if (validator.validate(row.rowNumber(), row.cells(), layout).valid()) {
                            valid++;
                        }
                    }
                }
            }
            double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("pass %d: %d files, %d rows (%d valid), %.2f CPU s, %.0f rows per CPU s%n", pass,
                    visitsFiles.size(), rows, valid, seconds, rows / seconds);
        }
    }

    private static Method summaryRowCheck() {
        try {
            return Class.forName("org.provincial.reporting.ingest.validate.SummaryRows").getMethod("firstCellIfSummary", List.class);
        }
        catch (ReflectiveOperationException absent) {
            return null;
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return fallback;
    }
}
