package org.provincial.reporting.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.provincial.reporting.support.DataSheets;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/** The real command line of SPEC §8, run in-process: each command starts its own application on its own home. */
@ExtendWith(OutputCaptureExtension.class)
class CommandLineFunctionalTests {

    static final String PROVINCE = "640000";
    static final String PERIOD = "2025-01";
    static final String HEADER_VISITS = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";

    static final String P1 = Ids.residentId("640104", LocalDate.of(1970, 3, 1), 11);
    static final String P2 = Ids.residentId("640104", LocalDate.of(1985, 7, 9), 22);
    static final String P3 = Ids.residentId("640100", LocalDate.of(1990, 12, 1), 33);

    /**
     * The collection timings of the profile {@code test} (application-test.properties), but one reconnect attempt;
     * system properties rank above the properties files.
     */
    static final Map<String, String> FAST_COLLECTION = Map.of(
            "spring.profiles.active", "test",
            "reporting.collect.reconnect-attempts", "1");

    static final Map<String, String> previousProperties = new HashMap<>();

    @BeforeAll
    static void shortenCollectionTimings() {
        FAST_COLLECTION.forEach((key, value) -> previousProperties.put(key, System.setProperty(key, value)));
    }

    @AfterAll
    static void restoreCollectionTimings() {
        previousProperties.forEach((key, previous) -> {
            if (previous == null) {
                System.clearProperty(key);
            }
            else {
                System.setProperty(key, previous);
            }
        });
    }

    @Test
    void runsListsAndRunsAgainToTheSameWorkbook(@TempDir Path temp, CapturedOutput output) throws Exception {
        Path source = temp.resolve("source");
        Path out = temp.resolve("out");
        Path home = temp.resolve("home");
        twoSubmitters(source);
        String[] run = { "run", "--province", PROVINCE, "--period", PERIOD, "--source", source.toString(),
                "--out", out.toString(), "--home", home.toString() };

        Invocation first = Invocation.of(output, run);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        Path workbook = out.resolve("provincial-totals-640000-2025-01.xlsx");
        assertThat(workbook).isRegularFile();
        assertThat(first.out()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                .contains("files    received 2, counted 2, rejected 0")
                .contains("rows     accepted 4, rejected 1, deduplicated 1")
                .contains("conflicts 0")
                .contains("missing submitters 25 of 27: ")
                .contains("workbook " + workbook.toAbsolutePath());
        long execution = Long.parseLong(first.find("Run (\\d+) of 640000"));
        List<List<String>> firstData = dataSheet(workbook);
        assertThat(firstData).hasSizeGreaterThan(1);

        Invocation status = Invocation.of(output, "status", "--home", home.toString());

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out().lines().filter(line -> line.matches("^\\d+\\s.*")).toList())
                .singleElement().asString()
                .matches("^" + execution + "\\s+640000\\s+2025-01\\s+COMPLETED\\s.*");

        Invocation second = Invocation.of(output, run);

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                .contains("files    received 0, counted 2, rejected 0")
                .contains("rows     accepted 4, rejected 1, deduplicated 1");
        assertThat(Long.parseLong(second.find("Run (\\d+) of 640000"))).isNotEqualTo(execution);
        assertThat(dataSheet(workbook)).isEqualTo(firstData);
    }

    @Test
    void reportsARangeFromTheMonthsAlreadyRunAndRefusesAProvinceWithoutRuns(@TempDir Path temp, CapturedOutput output)
            throws Exception {
        Path source = temp.resolve("source");
        Path out = temp.resolve("out");
        Path home = temp.resolve("home");
        SubmissionFiles.csv(source.resolve("640104/640104_visits_2025-01.csv"), rows(
                HEADER_VISITS,
                "640104," + P1 + ",张三,困难职工,2025-01-10,500.00",
                "640104," + P2 + ",李四,快递员,2025-01-11,300.50"));
        Invocation run = Invocation.of(output, "run", "--province", PROVINCE, "--period", PERIOD, "--source",
                source.toString(), "--out", out.toString(), "--home", home.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();

        Invocation report = Invocation.of(output, "report", "--province", PROVINCE, "--from", "2025-01", "--to", "2025-02",
                "--out", out.toString(), "--home", home.toString());

        assertThat(report.exitCode()).as(report.toString()).isZero();
        Path workbook = out.resolve("provincial-totals-640000-2025-01_2025-02.xlsx");
        assertThat(report.out()).contains("Workbook: " + workbook)
                .contains("Months never completed, counted as empty (未汇总月份): 2025-02")
                .contains("Compared with (环比): — (no completed run)");
        List<List<String>> data = dataSheet(workbook);
        assertThat(data.get(0)).contains("8:STRING:previous_value", "9:STRING:year_ago_value");
        assertThat(data.get(1)).contains("0:STRING:2025-01/2025-02");

        Invocation publish = Invocation.of(output, "publish", "--province", PROVINCE, "--from", "2025-01", "--to",
                "2025-02", "--note", "报全总", "--home", home.toString());

        assertThat(publish.exitCode()).as(publish.toString()).isEqualTo(1);
        assertThat(publish.out()).contains("未发布：月份 2025-02 还没有完成的运行，2025年1月至2025年2月的数字不完整；"
                + "请先运行这些月份，完成后再发布");

        Path elsewhere = temp.resolve("elsewhere");
        Invocation none = Invocation.of(output, "report", "--province", "540000", "--from", "2025-01", "--to", "2025-02",
                "--out", elsewhere.toString(), "--home", home.toString());

        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("西藏自治区（540000）尚无完成汇总的月份，请先运行 run");
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void logsEveryEventAsAStructuredJsonLineUnderTheHome(@TempDir Path temp, CapturedOutput output) throws Exception {
        Path home = temp.resolve("home");
        Files.createDirectories(temp.resolve("source"));

        Invocation run = Invocation.of(output, "run", "--province", PROVINCE, "--period", PERIOD, "--source",
                temp.resolve("source").toString(), "--out", temp.resolve("out").toString(), "--home", home.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("logs/reporting.json"), StandardCharsets.UTF_8)) {
            events.add(new ObjectMapper().readTree(line));
        }
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.path("@timestamp").asText()).isNotBlank();
            assertThat(event.path("log").path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("message").isTextual()).isTrue();
        });
        assertThat(events).anySatisfy(event -> assertThat(event.path("message").asText())
                .startsWith("Collecting from 1 source(s)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void rejectsBadArgumentsWithUsageAndWithoutStarting(String why, List<String> arguments, @TempDir Path temp,
            CapturedOutput output) {
        Path home = temp.resolve("home");
        List<String> withHome = new ArrayList<>(arguments);
        withHome.addAll(List.of("--home", home.toString()));

        Invocation invocation = Invocation.of(output, withHome.toArray(String[]::new));

        assertThat(invocation.exitCode()).as(invocation.toString()).isEqualTo(2);
        assertThat(invocation.err()).contains("Usage: provincial-reporting");
        assertThat(home).as("no application was started on the home").doesNotExist();
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("run without --period",
                        List.of("run", "--province", PROVINCE, "--source", "incoming", "--out", "out")),
                Arguments.of("a month that does not exist",
                        List.of("run", "--province", PROVINCE, "--period", "2025-13", "--source", "incoming")),
                Arguments.of("a city instead of a province",
                        List.of("run", "--province", "440100", "--period", PERIOD, "--source", "incoming")),
                Arguments.of("a code that is no region at all",
                        List.of("run", "--province", "990000", "--period", PERIOD, "--source", "incoming")),
                Arguments.of("an unknown command", List.of("frobnicate", "--province", PROVINCE)),
                Arguments.of("restart without an execution or a province and period", List.of("restart")),
                Arguments.of("restart with a province but no period", List.of("restart", "--province", PROVINCE)),
                Arguments.of("report with --from after --to",
                        List.of("report", "--province", PROVINCE, "--from", "2025-02", "--to", "2025-01")),
                Arguments.of("report with a malformed month",
                        List.of("report", "--province", PROVINCE, "--from", "2025-1", "--to", "2025-02")),
                Arguments.of("report over more than 36 months",
                        List.of("report", "--province", PROVINCE, "--from", "2022-01", "--to", "2025-01")),
                Arguments.of("publish of a month and a range",
                        List.of("publish", "--province", PROVINCE, "--period", PERIOD, "--from", PERIOD, "--to",
                                "2025-02")),
                Arguments.of("publish of a range without --to",
                        List.of("publish", "--province", PROVINCE, "--from", PERIOD)),
                Arguments.of("report of a city", List.of("report", "--province", "440100", "--from", PERIOD, "--to", PERIOD)));
    }

    @Test
    void failsOnAnUnreachableServerAndResumesWhenRestarted(@TempDir Path temp, CapturedOutput output)
            throws Exception {
        int port = closedPort();
        String url = "ftp://" + FtpTestServer.USER + ":"
                + URLEncoder.encode(FtpTestServer.PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + port + "/";
        Path home = temp.resolve("home");

        Invocation failed = Invocation.of(output, "run", "--province", PROVINCE, "--period", PERIOD, "--source", url,
                "--out", temp.resolve("out").toString(), "--home", home.toString());

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).containsPattern("Run \\d+ of 640000 2025-01: FAILED")
                .containsPattern("failed in step 'collect'");
        long execution = Long.parseLong(failed.find("restart --execution (\\d+)"));
        assertThat(output.getAll()).as("everything printed so far, logs included")
                .doesNotContain(FtpTestServer.PASSWORD)
                .doesNotContain(URLEncoder.encode(FtpTestServer.PASSWORD, StandardCharsets.UTF_8))
                .doesNotContain("s3cr");

        Path root = temp.resolve("ftp");
        SubmissionFiles.csv(root.resolve("640104/640104_visits_2025-01.csv"), rows(
                HEADER_VISITS, "640104," + P1 + ",张三,困难职工,2025-01-10,500.00"));
        try (FtpTestServer ftp = FtpTestServer.start(root, port)) {
            assertThat(ftp.url()).isEqualTo(url);

            Invocation restarted = Invocation.of(output, "restart", "--execution", Long.toString(execution),
                    "--source", url, "--home", home.toString());

            assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
            assertThat(restarted.out()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                    .contains("files    received 1, counted 1, rejected 0")
                    .contains("rows     accepted 1, rejected 0, deduplicated 0");
            assertThat(temp.resolve("out/provincial-totals-640000-2025-01.xlsx")).isRegularFile();
        }
        assertThat(output.getAll()).doesNotContain("s3cr");
    }

    /**
     * 兴庆区 (640104): two visits and a mistyped ID; 银川市 (640100) re-reports one of them and adds its own. A run
     * over them: files received 2, counted 2, rejected 0; rows accepted 4, rejected 1, deduplicated 1.
     */
    static void twoSubmitters(Path root) {
        SubmissionFiles.csv(root.resolve("640104/640104_visits_2025-01.csv"), rows(
                HEADER_VISITS,
                "640104," + P1 + ",张三,困难职工,2025-01-10,500.00",
                "640104," + P2 + ",李四,快递员,2025-01-11,300.50",
                "640104," + Ids.withWrongCheckCharacter(P2) + ",王五,劳动模范,2025-01-12,100.00"));
        SubmissionFiles.csv(root.resolve("640100/640100_visits_2025-01.csv"), rows(
                HEADER_VISITS,
                "640104," + P1 + ",张三,困难职工,2025-01-10,500.00",
                "640100," + P3 + ",钱七,一线职工,2025-01-15,200.00"));
    }

    /** One command line run through {@link ReportingCli#execute}, with what it printed to stdout and stderr. */
    record Invocation(List<String> arguments, int exitCode, String out, String err) {

        static Invocation of(CapturedOutput output, String... arguments) {
            int outStart = output.getOut().length();
            int errStart = output.getErr().length();
            int exitCode = ReportingCli.execute(arguments);
            return new Invocation(List.of(arguments), exitCode, output.getOut().substring(outStart),
                    output.getErr().substring(errStart));
        }

        /** The first group of the pattern's first match in stdout. */
        String find(String regex) {
            Matcher matcher = Pattern.compile(regex).matcher(out);
            assertThat(matcher.find()).as("%s in%n%s", regex, this).isTrue();
            return matcher.group(1);
        }

        @Override
        public String toString() {
            return String.join(" ", arguments) + "%n--- stdout%n%s%n--- stderr%n%s".formatted(out, err);
        }
    }

    /** A port of 127.0.0.1 that was free a moment ago and that nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static List<List<String>> dataSheet(Path workbook) throws IOException {
        return DataSheets.read(workbook);
    }
}
