package org.provincial.reporting.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.security.AuditLog;
import org.provincial.reporting.security.Role;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.SubmissionFiles;
import org.provincial.reporting.support.WebFixture;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code serve} as started from the command line: it recovers what a crash left running, runs the schedules of
 * jobs/ (here a job whose cron fires every second), answers HTTP on its port (127.0.0.1 only, unless {@code --bind}
 * names another address), and refuses a run of a province that has neither a job nor a {@code --source}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServeCommandTests {

    static final String PROVINCE = "640000";
    static final Map<String, String> previousProperties = new HashMap<>();

    @BeforeAll
    static void shortenCollectionTimings() {
        CommandLineFunctionalTests.FAST_COLLECTION.forEach(
                (key, value) -> previousProperties.put(key, System.setProperty(key, value)));
    }

    @AfterAll
    static void restoreCollectionTimings() {
        previousProperties.forEach(ServeCommandTests::restoreProperty);
    }

    /** Gives the system property the value it had before the test set it (none: clears it). */
    static void restoreProperty(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        }
        else {
            System.setProperty(key, previous);
        }
    }

    @Test
    void recoversACrashedRunAtStartUpAndRunsTheScheduleOneRunAtATime(@TempDir Path temp) throws Exception {
        Path home = temp.resolve("home");
        Path source = temp.resolve("source");
        String period = YearMonth.now().minusMonths(1).toString();
        SubmissionFiles.csv(source.resolve("640104/640104_visits_" + period + ".csv"), SubmissionFiles.rows(
                CommandLineFunctionalTests.HEADER_VISITS,
                "640104," + Ids.residentId("640104", LocalDate.of(1970, 3, 1), 11) + ",张三,困难职工,"
                        + YearMonth.parse(period).atDay(3) + ",500.00"));
        long crashed = crashedExecution(home, source, temp.resolve("out"));
        Path jobs = Files.createDirectories(temp.resolve("jobs"));
        Files.writeString(jobs.resolve("ningxia.yaml"), """
                province: "640000"
                sources:
                  - "%s"
                schedule: "* * * * * *"
                period:
                  previousMonthUntilDay: 31
                """.formatted(source));
        String previousJobs = System.setProperty("reporting.jobs", "file:" + jobs + "/*.yaml");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--port", "0", "--home", home.toString());
        try (ConfigurableApplicationContext context = serve.start()) {
            PipelineRunner runner = context.getBean(PipelineRunner.class);
            RunHistory history = context.getBean(RunHistory.class);

            RunRecord recovered = history.find(crashed).orElseThrow();
            assertThat(recovered.status()).isEqualTo(BatchStatus.FAILED.name());
            assertThat(recovered.end()).isNotNull();

            WebFixture.await(() -> history.runs(PROVINCE, period, 100).stream()
                    .anyMatch(run -> run.status().equals("COMPLETED")), Duration.ofSeconds(120),
                    "a completed scheduled run of " + PROVINCE + " " + period);
            // the schedule keeps firing: the newest run may be created but not yet started (no start time)
            List<RunRecord> scheduled = history.runs(PROVINCE, period, 100).stream()
                    .filter(run -> run.start() != null)
                    .sorted(Comparator.comparingLong(RunRecord::id)).toList();
            for (int i = 1; i < scheduled.size(); i++) {
                assertThat(scheduled.get(i).start()).as("run %s starts after run %s ended", scheduled.get(i).id(),
                        scheduled.get(i - 1).id()).isAfterOrEqualTo(scheduled.get(i - 1).end());
            }
            assertThat(context.getBean(AuditLog.class).recent(100)).anySatisfy(entry -> {
                assertThat(entry.actor()).isEqualTo("schedule");
                assertThat(entry.action()).isEqualTo("run.launch");
                assertThat(entry.detail()).matches(PROVINCE + " " + period + " → 运行 \\d+（任务 ningxia）");
            });

            long resumed = runner.restart(crashed, List.of());
            assertThat(WebFixture.awaitEnd(history, resumed, Duration.ofSeconds(120)).status()).isEqualTo("COMPLETED");

            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> runs = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/runs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(runs.statusCode()).isEqualTo(401);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "sources");
            // jobs/ has no job of 北京 and serve has no --source: a run of it is refused, nothing started
            context.getBean(UserAccounts.class).save("serve.admin", Role.ADMIN, "Gx7#kq2Lm9vW-serve", "test");
            HttpResponse<String> noSource = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/api/runs"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "serve.admin:Gx7#kq2Lm9vW-serve".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"province\":\"110000\",\"period\":\"" + period
                            + "\"}")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(noSource.statusCode()).as(noSource.body()).isEqualTo(400);
            assertThat(noSource.body()).contains("省份 110000 没有配置数据来源：请在 jobs/ 中为它添加任务，或以 serve --source 启动");
            assertThat(history.runs("110000", period, 10)).isEmpty();
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(((TomcatWebServer) ((WebServerApplicationContext) context).getWebServer()).getTomcat()
                    .getConnector().getProperty("address")).hasToString("/127.0.0.1");
        }
        finally {
            restoreProperty("reporting.jobs", previousJobs);
        }
    }

    @Test
    void listensOnLoopbackOnlyUnlessBindNamesEveryInterface(@TempDir Path temp) throws Exception {
        InetAddress external = nonLoopbackAddress();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // no jobs: nothing is scheduled while the two servers run
        String previousJobs = System.setProperty("reporting.jobs",
                "file:" + Files.createDirectories(temp.resolve("jobs")) + "/*.yaml");
        try {
            serveOnLoopbackAndOnEveryInterface(temp, http, external);
        }
        finally {
            restoreProperty("reporting.jobs", previousJobs);
        }
    }

    private static void serveOnLoopbackAndOnEveryInterface(Path temp, HttpClient http, InetAddress external)
            throws Exception {
        ServeCommand loopbackOnly = new ServeCommand();
        new CommandLine(loopbackOnly).parseArgs("--port", "0", "--home", temp.resolve("home").toString());
        try (ConfigurableApplicationContext context = loopbackOnly.start()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(signInPage(http, InetAddress.getLoopbackAddress(), port)).contains("<form");
            assertThatThrownBy(() -> connect(external, port)).as("a connection to %s:%d", external, port)
                    .isInstanceOf(ConnectException.class);
        }

        ServeCommand everyInterface = new ServeCommand();
        new CommandLine(everyInterface).parseArgs("--port", "0", "--bind", "0.0.0.0", "--home",
                temp.resolve("home").toString());
        try (ConfigurableApplicationContext context = everyInterface.start()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
            assertThat(signInPage(http, external, port)).contains("<form");
            assertThat(signInPage(http, InetAddress.getLoopbackAddress(), port)).contains("<form");
        }
    }

    /** An IPv4 address of this machine that is not loopback (the test needs one: it fails without). */
    private static InetAddress nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(ServeCommandTests::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst().orElseThrow(() -> new AssertionError("this machine has no IPv4 address but loopback"));
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp();
        }
        catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sign-in page as served at the address and port; asserts it was served (200). */
    private static String signInPage(HttpClient http, InetAddress address, int port) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://" + address.getHostAddress()
                + ":" + port + "/login")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).as("GET /login on %s:%d", address.getHostAddress(), port).isEqualTo(200);
        return page.body();
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
        }
    }

    @Test
    void rejectsABadPortOrSourceWithUsageAndWithoutStarting(@TempDir Path temp, CapturedOutput output) {
        Path home = temp.resolve("home");

        CommandLineFunctionalTests.Invocation badPort = CommandLineFunctionalTests.Invocation.of(output,
                "serve", "--port", "70000", "--home", home.toString());
        CommandLineFunctionalTests.Invocation badSource = CommandLineFunctionalTests.Invocation.of(output,
                "serve", "--source", "gopher://example/", "--home", home.toString());

        assertThat(badPort.exitCode()).as(badPort.toString()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port must be between 0 and 65535", "Usage: provincial-reporting serve");
        assertThat(badSource.exitCode()).as(badSource.toString()).isEqualTo(2);
        assertThat(badSource.err()).contains("unsupported scheme");
        assertThat(home).doesNotExist();
    }

    /** An execution that a killed process left marked as running in its collection step. */
    static long crashedExecution(Path home, Path source, Path out) {
        try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of("reporting.home", home.toString()))) {
            JobRepository repository = context.getBean(JobRepository.class);
            JobParameters parameters = new JobParametersBuilder()
                    .addString("province", PROVINCE)
                    .addString("period", "2024-12")
                    .addLong("run", 1L)
                    .addString("sources", source.toUri().toString(), false)
                    .addString("out", out.toString(), false)
                    .addDouble("rejectThreshold", 0.5, false)
                    .toJobParameters();
            JobInstance instance = repository.createJobInstance("provincialTotals", parameters);
            JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
            execution.setStatus(BatchStatus.STARTED);
            execution.setStartTime(LocalDateTime.now());
            repository.update(execution);
            StepExecution collect = repository.createStepExecution("collect", execution);
            collect.setStatus(BatchStatus.STARTED);
            collect.setStartTime(LocalDateTime.now());
            repository.update(collect);
            return execution.getId();
        }
    }
}
