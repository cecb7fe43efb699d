package org.provincial.reporting.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.CollectProperties;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunSummary;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §2.2 through a whole run: a file uploaded just before the run is collected, one still growing through the
 * run's wait (5 s in tests) is left, reported in the summary, on the run's page data and in the submitter's feedback,
 * and collected by the next run once complete.
 */
@ReportingTest
class CollectionWaitFunctionalTests {

    static final String PROVINCE = "640000";
    static final String PERIOD = "2025-06";
    static final String HEADER = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";

    @Autowired
    PipelineRunner runner;

    @Autowired
    CollectProperties collect;

    @Test
    void collectsAFileUploadedJustBeforeTheRunAndLeavesOneStillGrowingForTheNextRun(@TempDir Path temp)
            throws Exception {
        Path source = temp.resolve("source");
        Path out = temp.resolve("out");
        String person = Ids.residentId("640104", LocalDate.of(1970, 3, 1), 61);
        SubmissionFiles.csv(source.resolve("640104/640104_visits_" + PERIOD + ".csv"), SubmissionFiles.rows(HEADER,
                "640104," + person + ",张三,困难职工,2025-06-10,500.00"));
        Path growing = SubmissionFiles.csv(source.resolve("640105/640105_visits_" + PERIOD + ".csv"),
                SubmissionFiles.rows(HEADER));
        AtomicBoolean uploading = new AtomicBoolean(true);
        Thread writer = appending(growing, "640105", PERIOD, Duration.ofMillis(100), uploading);

        RunSummary first;
        long started = System.nanoTime();
        try {
            first = runner.startAndWait(PROVINCE, PERIOD, List.of(SourceLocation.parse(source.toString())), out, 0.5);
        }
        finally {
            uploading.set(false);
            writer.join();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        String masked = SourceLocation.parse(source.toString()).masked();
        assertThat(first.status()).as("%s", first).isEqualTo("COMPLETED");
        assertThat(first.filesReceived()).isEqualTo(1);
        assertThat(first.rowsAccepted()).isEqualTo(1);
        assertThat(first.leftFiles()).containsExactly("640105/640105_visits_" + PERIOD + ".csv (" + masked + ")");
        assertThat(seconds).as("waited the changing wait of %s, not longer", collect.changingWait())
                .isGreaterThanOrEqualTo(collect.changingWait().toSeconds()).isLessThan(60);
        StringWriter printed = new StringWriter();
        SummaryPrinter.print(first, new PrintWriter(printed));
        assertThat(printed.toString()).contains("  left for a later run: 1 — 640105/640105_visits_" + PERIOD
                + ".csv (" + masked + ")\n").contains("  feedback uploads failed: 0\n");
        assertThat(feedbackFiles(out.resolve("feedback/640105-" + PERIOD + ".xlsx")))
                .containsExactly("640105_visits_" + PERIOD + ".csv|仍在上传，留待下次收取");

        RunSummary second = runner.startAndWait(PROVINCE, PERIOD, List.of(SourceLocation.parse(source.toString())), out, 0.5);

        assertThat(second.leftFiles()).isEmpty();
        assertThat(second.filesCounted()).isEqualTo(2);
        // the header and the rows appended during the first run's wait: every one of them counted
        long appended = Files.readAllLines(growing).size() - 1;
        assertThat(appended).isGreaterThanOrEqualTo(collect.changingWait().toSeconds() * 5);
        assertThat(second.rowsAccepted()).isEqualTo(1 + appended);
        assertThat(feedbackFiles(out.resolve("feedback/640105-" + PERIOD + ".xlsx")))
                .containsExactly("640105_visits_" + PERIOD + ".csv|已采用");
    }

    /**
     * Appends a valid visit of the county in the period (on its 11th) to the file at the interval until told to stop,
     * as an upload in progress does: more often than the collection's stable-after, so no two listings that far apart
     * see it unchanged.
     */
    static Thread appending(Path file, String county, String period, Duration interval, AtomicBoolean uploading) {
        Thread writer = new Thread(() -> {
            for (int i = 1; uploading.get(); i++) {
                try {
                    Thread.sleep(interval.toMillis());
                    String person = Ids.residentId(county, LocalDate.of(1960, 1, 1).plusDays(i), i % 1000);
                    Files.writeString(file, county + "," + person + ",职工" + i + ",困难职工," + period + "-11,100.00\r\n",
                            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
                catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        writer.start();
        return writer;
    }

    /** "file name|fate" for each row of the feedback workbook's first sheet. */
    static List<String> feedbackFiles(Path workbook) throws Exception {
        List<String> files = new ArrayList<>();
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheet("文件");
            for (Row row : sheet) {
                if (row.getRowNum() > 0) {
                    files.add(row.getCell(0).getStringCellValue() + "|" + row.getCell(4).getStringCellValue());
                }
            }
        }
        return files;
    }
}
