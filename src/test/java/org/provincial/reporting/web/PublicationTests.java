package org.provincial.reporting.web;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.SubmissionFiles;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.provincial.reporting.support.SubmissionFiles.rows;
import static org.provincial.reporting.web.ApiTests.admin;
import static org.provincial.reporting.web.ApiTests.staff;
import static org.provincial.reporting.web.WebSubmissions.PROVINCE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Publishing (SPEC §10) through the REST API: immutable, checksummed revisions served before the latest run. */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationTests {

    /** Published, then a late county file arrives and the period is run again. */
    static final String PUBLISHED = "2022-03";
    static final String FAILED = "2022-04";
    static final String STAFF_TRIES = "2022-05";

    @Autowired
    MockMvc mvc;

    @Autowired
    PipelineRunner runner;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void addUsersAndSubmissions() {
        WebFixture.prepare(accounts);
        WebSubmissions.visits(PUBLISHED);
        WebSubmissions.visits(STAFF_TRIES);
    }

    @Test
    void keepsEveryRevisionByteForByteWhileLaterRunsChangeTheFigures() throws Exception {
        long first = completedRun(PUBLISHED);
        byte[] firstWorkbook = latestWorkbook(PUBLISHED);

        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(PUBLISHED, first, "报全总")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/workbooks/640000/" + PUBLISHED + "?revision=1"))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.executionId").value(first))
                .andExpect(jsonPath("$.sha256").value(sha256(firstWorkbook)))
                .andExpect(jsonPath("$.size").value(firstWorkbook.length))
                .andExpect(jsonPath("$.publishedBy").value(WebFixture.ADMIN))
                .andExpect(jsonPath("$.note").value("报全总"));
        // 兴庆区 two valid visits, 银川市 one: 3 visits of 500.00 + 300.50 + 200.00
        assertThat(publishedFigure(1, "person_visits")).isEqualByComparingTo("3");
        assertThat(publishedFigure(1, "amount_yuan")).isEqualByComparingTo("1000.50");

        // a late file of 西夏区 (640105): one more visit of 400.00
        SubmissionFiles.csv(WebFixture.source().resolve("640105/640105_visits_" + PUBLISHED + ".csv"), rows(
                WebSubmissions.HEADER_VISITS,
                "640105," + Ids.residentId("640105", LocalDate.of(1978, 4, 2), 44) + ",孙八,困难职工,2022-03-12,400.00"));
        completedRun(PUBLISHED);
        byte[] secondWorkbook = latestWorkbook(PUBLISHED);

        byte[] published = mvc.perform(get("/api/workbooks/640000/" + PUBLISHED).with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "1"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"provincial-totals-640000-" + PUBLISHED + ".xlsx\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(published).isEqualTo(firstWorkbook);
        assertThat(secondWorkbook).isNotEqualTo(firstWorkbook);

        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(PUBLISHED, latestCompleted(PUBLISHED), " ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("原因")));
        assertThat(revisions(PUBLISHED)).isEqualTo(1);

        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(PUBLISHED, latestCompleted(PUBLISHED), "西夏区迟报")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.sha256").value(sha256(secondWorkbook)));
        assertThat(publishedFigure(2, "person_visits")).isEqualByComparingTo("4");
        assertThat(publishedFigure(2, "amount_yuan")).isEqualByComparingTo("1400.50");
        assertThat(publishedFigure(1, "person_visits")).isEqualByComparingTo("3");

        mvc.perform(get("/api/workbooks/640000/" + PUBLISHED).with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "2"));
        byte[] revisionOne = mvc.perform(get("/api/workbooks/640000/" + PUBLISHED + "?revision=1").with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "1"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(revisionOne).isEqualTo(firstWorkbook);
        mvc.perform(get("/api/workbooks/640000/" + PUBLISHED + "?revision=3").with(staff()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/publications?province=640000&period=" + PUBLISHED).with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].revision").value(1))
                .andExpect(jsonPath("$[1].revision").value(2))
                .andExpect(jsonPath("$[1].note").value("西夏区迟报"));
        assertThat(jdbc.queryForList("select actor || ' ' || action || ' ' || detail from audit_event"
                + " where action like 'publication.%' and detail like ?", String.class, "640000 " + PUBLISHED + "%"))
                .contains(WebFixture.ADMIN + " publication.publish 640000 " + PUBLISHED + " 修订版 1 ← 运行 " + first
                                + " sha256 " + sha256(firstWorkbook),
                        WebFixture.STAFF + " publication.download 640000 " + PUBLISHED + " 修订版 1",
                        WebFixture.STAFF + " publication.download 640000 " + PUBLISHED + " 修订版 2");
    }

    @Test
    void refusesToChangeOrDeleteAPublishedRevisionInTheDatabase() throws Exception {
        jdbc.update("""
                insert into publication (province, period, revision, execution_id, file_name, workbook, sha256,
                                         published_by)
                values ('640000', '2021-01', 1, 0, 'f.xlsx', '\\x504b'::bytea, repeat('0', 64), 'test')""");
        long id = jdbc.queryForObject("select id from publication where period = '2021-01'", Long.class);
        jdbc.update("insert into publication_figure (publication_id, dataset, region_code, measure, value)"
                + " values (?, 'visits', '640000', 'person_visits', 3)", id);

        assertThatThrownBy(() -> jdbc.update("update publication set workbook = '\\x00'::bytea where id = ?", id))
                .hasMessageContaining("已发布的数据不可修改或删除");
        assertThatThrownBy(() -> jdbc.update("delete from publication where id = ?", id))
                .hasMessageContaining("已发布的数据不可修改或删除");
        assertThatThrownBy(() -> jdbc.update("update publication_figure set value = 4 where publication_id = ?", id))
                .hasMessageContaining("已发布的数据不可修改或删除");
        assertThatThrownBy(() -> jdbc.update("delete from publication_figure where publication_id = ?", id))
                .hasMessageContaining("已发布的数据不可修改或删除");
        assertThatThrownBy(() -> jdbc.execute("truncate publication_figure"))
                .hasMessageContaining("已发布的数据不可修改或删除");
        assertThat(jdbc.queryForObject("select encode(workbook, 'hex') from publication where id = ?", String.class,
                id)).isEqualTo("504b");
    }

    @Test
    void refusesToPublishAFailedRunOrARunOfAnotherPeriodWith409() throws Exception {
        String unreachable = "ftp://" + FtpTestServer.USER + ":"
                + URLEncoder.encode(FtpTestServer.PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:"
                + ApiTests.closedPort() + "/";
        long failed = runner.launch(PROVINCE, FAILED, List.of(SourceLocation.parse(unreachable)),
                WebFixture.source().resolveSibling("web-test-out"), 0.5);
        assertThat(WebFixture.awaitEnd(runner, failed, ApiTests.RUN_TIMEOUT).status()).isEqualTo("FAILED");

        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(FAILED, failed, "")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("运行 " + failed + " 的状态是 FAILED，只能发布已完成（COMPLETED）的运行"));
        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body("2022-06", failed, "")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("运行 " + failed + " 汇总的是 640000 " + FAILED
                        + "，不是要发布的 640000 2022-06"));
        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(FAILED, 987654, "")))
                .andExpect(status().isNotFound());
        assertThat(revisions(FAILED)).isZero();
        assertThat(revisions("2022-06")).isZero();
    }

    @Test
    void forbidsStaffToPublishAndServesTheLatestRunWhileNothingIsPublished() throws Exception {
        long run = completedRun(STAFF_TRIES);

        mvc.perform(post("/api/publications").with(staff()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(STAFF_TRIES, run, "")))
                .andExpect(status().isForbidden());

        assertThat(revisions(STAFF_TRIES)).isZero();
        byte[] served = mvc.perform(get("/api/workbooks/640000/" + STAFF_TRIES).with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist(DownloadsApiController.PUBLICATION_REVISION))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(served).isEqualTo(latestWorkbook(STAFF_TRIES));
        mvc.perform(get("/api/workbooks/640000/" + STAFF_TRIES + "?revision=1").with(staff()))
                .andExpect(status().isNotFound());
    }

    private long completedRun(String period) throws Exception {
        long id = ApiTests.idOf(mvc.perform(post("/api/runs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"province\":\"640000\",\"period\":\"" + period + "\"}"))
                .andExpect(status().isAccepted()).andReturn());
        assertThat(WebFixture.awaitEnd(runner, id, ApiTests.RUN_TIMEOUT).status()).isEqualTo("COMPLETED");
        return id;
    }

    private long latestCompleted(String period) {
        return runner.runs(PROVINCE, period, 10).stream().filter(run -> "COMPLETED".equals(run.status()))
                .findFirst().orElseThrow().id();
    }

    private byte[] latestWorkbook(String period) throws Exception {
        return mvc.perform(get("/api/workbooks/640000/" + period + "?latest=true").with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist(DownloadsApiController.PUBLICATION_REVISION))
                .andReturn().getResponse().getContentAsByteArray();
    }

    private BigDecimal publishedFigure(int revision, String measure) {
        return jdbc.queryForObject("""
                select f.value from publication p join publication_figure f on f.publication_id = p.id
                where p.province = '640000' and p.period = ? and p.revision = ? and f.dataset = 'visits'
                  and f.region_code = '640000' and f.measure = ? and f.breakdown = ''""", BigDecimal.class,
                PUBLISHED, revision, measure);
    }

    private int revisions(String period) {
        return jdbc.queryForObject("select count(*) from publication where province = '640000' and period = ?",
                Integer.class, period);
    }

    private static String body(String period, long execution, String note) {
        return "{\"province\":\"640000\",\"period\":\"" + period + "\",\"executionId\":" + execution
                + ",\"note\":\"" + note + "\"}";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
