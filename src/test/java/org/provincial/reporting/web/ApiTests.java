package org.provincial.reporting.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.web.WebSubmissions.PROVINCE;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The REST API of {@code serve} for each role: 401 without credentials, 403 for staff on admin actions, 200/202. */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTests {

    static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    /** A time in the display zone with its offset: 2025-01-20T09:30:00+08:00 (fractions of a second allowed). */
    static final String WITH_OFFSET = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\+08:00";

    @Autowired
    MockMvc mvc;

    @Autowired
    PipelineRunner runner;

    @Autowired
    RunHistory history;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    void addUsersAndSubmissions() {
        WebFixture.prepare(accounts);
        for (String period : List.of("2024-01", "2024-02", "2024-03", "2024-04")) {
            WebSubmissions.visits(period);
        }
    }

    static RequestPostProcessor admin() {
        return httpBasic(WebFixture.ADMIN, WebFixture.ADMIN_PASSWORD);
    }

    static RequestPostProcessor staff() {
        return httpBasic(WebFixture.STAFF, WebFixture.STAFF_PASSWORD);
    }

    static Stream<Arguments> everyEndpoint() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/runs?province=640000&period=2024-01"),
                Arguments.of(HttpMethod.GET, "/api/runs/1"),
                Arguments.of(HttpMethod.POST, "/api/runs"),
                Arguments.of(HttpMethod.POST, "/api/runs/1/restart"),
                Arguments.of(HttpMethod.POST, "/api/runs/1/stop"),
                Arguments.of(HttpMethod.GET, "/api/submissions?province=640000&period=2024-01"),
                Arguments.of(HttpMethod.GET, "/api/workbooks/640000/2024-01"),
                Arguments.of(HttpMethod.GET, "/api/feedback/640104/2024-01"),
                Arguments.of(HttpMethod.GET, "/actuator/prometheus"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpoint")
    void answersRequestsWithoutCredentialsWith401(HttpMethod method, String path) throws Exception {
        mvc.perform(request(method, path).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("需要登录")));
    }

    @Test
    void answersAWrongPasswordWith401() throws Exception {
        mvc.perform(get("/api/runs").with(httpBasic(WebFixture.STAFF, "not-the-password")))
                .andExpect(status().isUnauthorized());
    }

    @ParameterizedTest(name = "POST {0}")
    @MethodSource("adminActions")
    void forbidsStaffTheAdminActions(String path) throws Exception {
        mvc.perform(post(path).with(staff()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"province\":\"640000\",\"period\":\"2023-11\"}"))
                .andExpect(status().isForbidden());
        assertThat(history.runs(PROVINCE, "2023-11", 10)).isEmpty();
    }

    static Stream<String> adminActions() {
        return Stream.of("/api/runs", "/api/runs/1/restart", "/api/runs/1/stop");
    }

    @Test
    void letsStaffReadRunsAndSubmissions() throws Exception {
        mvc.perform(get("/api/runs").with(staff())).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get("/api/submissions?province=640000").with(staff())).andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());
        mvc.perform(get("/api/runs/987654").with(staff())).andExpect(status().isNotFound());
    }

    @Test
    void launchesARunThatStaffThenListsAndDownloads() throws Exception {
        MvcResult launched = mvc.perform(post("/api/runs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"province\":\"640000\",\"period\":\"2024-01\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").isNumber())
                .andReturn();
        long id = idOf(launched);
        assertThat(launched.getResponse().getHeader("Location")).isEqualTo("/api/runs/" + id);

        RunRecord run = WebFixture.awaitEnd(history, id, RUN_TIMEOUT);

        assertThat(run.status()).isEqualTo("COMPLETED");
        mvc.perform(get("/api/runs?province=640000&period=2024-01").with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].province").value("640000"))
                .andExpect(jsonPath("$[0].period").value("2024-01"))
                .andExpect(jsonPath("$[0].status").value("COMPLETED"))
                .andExpect(jsonPath("$[0].start").value(org.hamcrest.Matchers.matchesPattern(WITH_OFFSET)))
                .andExpect(jsonPath("$[0].end").value(org.hamcrest.Matchers.matchesPattern(WITH_OFFSET)))
                .andExpect(jsonPath("$[0].failedStep").doesNotExist());
        mvc.perform(get("/api/submissions?province=640000&period=2024-01").with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[?(@.submitter == '640104')].status").value("ACCEPTED"))
                .andExpect(jsonPath("$[?(@.submitter == '640104')].rowsAccepted").value(2))
                .andExpect(jsonPath("$[?(@.submitter == '640104')].rowsRejected").value(1))
                .andExpect(jsonPath("$[?(@.submitter == '640104')].rejections").value(1))
                .andExpect(jsonPath("$[0].receivedAt").value(org.hamcrest.Matchers.matchesPattern(WITH_OFFSET)));
        byte[] workbook = mvc.perform(get("/api/workbooks/640000/2024-01").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(DownloadsController.XLSX))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"provincial-totals-640000-2024-01.xlsx\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(workbook).startsWith('P', 'K');
        mvc.perform(get("/api/feedback/640104/2024-01").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(DownloadsController.XLSX));
        assertThat(jdbc.queryForList("select actor || ' ' || action || ' ' || detail from audit_event",
                String.class)).contains(WebFixture.ADMIN + " run.launch 640000 2024-01 → 运行 " + id);
    }

    @Test
    void answersDownloadsWithoutACompletedRunWith404() throws Exception {
        mvc.perform(get("/api/workbooks/640000/2023-12").with(staff())).andExpect(status().isNotFound());
        mvc.perform(get("/api/feedback/640104/2023-12").with(staff())).andExpect(status().isNotFound());
        mvc.perform(get("/api/workbooks/640000/..%2F..").with(staff())).andExpect(status().is4xxClientError());
    }

    @Test
    void refusesARunOfAPeriodThatAnotherProcessIsRunning() throws Exception {
        try (Connection otherProcess = dataSource.getConnection()) {
            otherProcess.createStatement().execute("select pg_advisory_lock(hashtext('provincialTotals:640000:2024-02'))");

            mvc.perform(post("/api/runs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"province\":\"640000\",\"period\":\"2024-02\"}"))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.detail").value("已有 640000 2024-02 的运行在进行中（可能在另一进程），请等它结束后再试"));
            // the connection goes back to the pool with its session: the other process ends by releasing its lock
            otherProcess.createStatement().execute("select pg_advisory_unlock(hashtext('provincialTotals:640000:2024-02'))");
        }

        long id = idOf(mvc.perform(post("/api/runs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"province\":\"640000\",\"period\":\"2024-02\"}")).andExpect(status().isAccepted()).andReturn());
        assertThat(WebFixture.awaitEnd(history, id, RUN_TIMEOUT).status()).isEqualTo("COMPLETED");
    }

    @Test
    void rejectsALaunchOfSomethingThatIsNoProvinceOrPeriod() throws Exception {
        mvc.perform(post("/api/runs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"province\":\"640100\",\"period\":\"2024-01\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/runs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"province\":\"640000\",\"period\":\"2024-13\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void stopsARunningRunAndRestartsItToCompletion() throws Exception {
        long id = idOf(mvc.perform(post("/api/runs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"province\":\"640000\",\"period\":\"2024-03\"}")).andExpect(status().isAccepted()).andReturn());

        mvc.perform(post("/api/runs/" + id + "/stop").with(admin()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").value(id));

        assertThat(WebFixture.awaitEnd(history, id, RUN_TIMEOUT).status()).isEqualTo("STOPPED");
        mvc.perform(post("/api/runs/" + id + "/stop").with(admin()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isConflict());

        long resumed = restartOnceItsThreadEnded(id);

        assertThat(resumed).isNotEqualTo(id);
        assertThat(WebFixture.awaitEnd(history, resumed, RUN_TIMEOUT).status()).isEqualTo("COMPLETED");
        mvc.perform(post("/api/runs/" + resumed + "/restart").with(admin()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("运行 " + resumed + " 已完成，无需重新运行；要再算一次，请启动新的运行"));
        assertThat(jdbc.queryForList("select action || ' ' || detail from audit_event where actor = ?", String.class,
                WebFixture.ADMIN)).contains("run.stop 运行 " + id, "run.restart 运行 " + id + " → 运行 " + resumed);
    }

    @Test
    void restartsAFailedRunFromItsFailedStep() throws Exception {
        String unreachable = "ftp://" + FtpTestServer.USER + ":"
                + URLEncoder.encode(FtpTestServer.PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + closedPort() + "/";
        long failed = runner.start(PROVINCE, "2024-04", List.of(SourceLocation.parse(unreachable)),
                WebFixture.source().resolveSibling("web-test-out"), 0.5);
        RunRecord run = WebFixture.awaitEnd(history, failed, RUN_TIMEOUT);
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.failedStep()).isEqualTo("collect");
        assertThat(run.message()).isNotBlank().doesNotContain("s3cr");

        long resumed = idOf(mvc.perform(post("/api/runs/" + failed + "/restart").with(admin())
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isAccepted()).andReturn());

        assertThat(resumed).isGreaterThan(failed);
        RunRecord again = WebFixture.awaitEnd(history, resumed, RUN_TIMEOUT);
        assertThat(again.status()).isEqualTo("FAILED");
        assertThat(again.failedStep()).isEqualTo("collect");
        mvc.perform(post("/api/runs/987654/restart").with(admin()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound());
    }

    @Test
    void showsHealthDetailsToStaffOnly() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.sources.details['" + SourceLocation.parse(WebFixture.SOURCE).masked()
                        + "']").value("UP"));
    }

    @Test
    void publishesPrometheusMetricsToStaff() throws Exception {
        WebSubmissions.visits("2024-07");
        long id = runner.start(PROVINCE, "2024-07", List.of(SourceLocation.parse(WebFixture.SOURCE)),
                WebFixture.source().resolveSibling("web-test-out"), 0.5);
        assertThat(WebFixture.awaitEnd(history, id, RUN_TIMEOUT).status()).isEqualTo("COMPLETED");

        String metrics = mvc.perform(get("/actuator/prometheus").with(staff()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(value(metrics, "reporting_rows{dataset=\"visits\",outcome=\"read\"}")).isGreaterThanOrEqualTo(4);
        assertThat(value(metrics, "reporting_rows{dataset=\"visits\",outcome=\"rejected\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "reporting_rows{dataset=\"welfare\",outcome=\"deduplicated\"}")).isNotNaN();
        assertThat(value(metrics, "reporting_run_last_success_seconds{province=\"640000\"}"))
                .isGreaterThan(System.currentTimeMillis() / 1000.0 - 600);
        assertThat(value(metrics, "reporting_run_last_duration_seconds{province=\"640000\"}")).isPositive();
        assertThat(metrics).contains("spring_batch_job_seconds_count{error=\"none\",spring_batch_job_name=\"provincialTotals\"");
    }

    /** The value of one series in Prometheus' text format. */
    static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError(series + " is not among the metrics"));
    }

    /**
     * Restarts the stopped execution. Spring Batch marks it stopped at once while its current step (here the
     * collection) runs to its end, holding the period's lock: until then a restart is refused with 409.
     */
    long restartOnceItsThreadEnded(long id) throws Exception {
        MvcResult[] restart = new MvcResult[1];
        WebFixture.await(() -> {
            try {
                restart[0] = mvc.perform(post("/api/runs/" + id + "/restart").with(admin())
                        .contentType(MediaType.APPLICATION_JSON)).andReturn();
                return restart[0].getResponse().getStatus() != 409;
            }
            catch (Exception e) {
                throw new AssertionError(e);
            }
        }, RUN_TIMEOUT, () -> "a restart of " + id + " that is not refused; the last refusal: "
                + new String(restart[0].getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
        assertThat(restart[0].getResponse().getStatus()).isEqualTo(202);
        return idOf(restart[0]);
    }

    static long idOf(MvcResult result) throws Exception {
        String body = result.getResponse().getContentAsString();
        return Long.parseLong(body.replaceAll("\\D+", ""));
    }

    /** A port of 127.0.0.1 that was free a moment ago and that nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
