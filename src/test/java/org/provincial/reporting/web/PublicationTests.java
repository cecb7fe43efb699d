package org.provincial.reporting.web;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.cumulative.RangeReports;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.report.PublicationDifferences;
import org.provincial.reporting.report.PublicationMark;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.DataSheets;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.SubmissionFiles;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.provincial.reporting.support.SubmissionFiles.rows;
import static org.provincial.reporting.web.ApiTests.admin;
import static org.provincial.reporting.web.ApiTests.staff;
import static org.provincial.reporting.web.WebSubmissions.PROVINCE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Publishing (SPEC §10) through the REST API: immutable, checksummed revisions served before the latest run. */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationTests {

    /** Published, then a late county file arrives and the period is run again. */
    static final String PUBLISHED = "2022-03";
    static final String FAILED = "2022-04";
    static final String STAFF_TRIES = "2022-05";
    /** Published, then a late county file and a second version arrive: what changed since publication. */
    static final String CHANGED = "2021-08";
    /** A range of two months published, then a late county file arrives in its second month, run again. */
    static final String RANGE_FROM = "2020-10";
    static final String RANGE_TO = "2020-11";
    static final String RANGE = RANGE_FROM + "/" + RANGE_TO;
    /** Run, and the month after it never: a range of both is incomplete. */
    static final String INCOMPLETE = "2020-04";
    static final String NEVER_RUN = "2020-05";
    /** Published by SQL as a revision was before contributions were kept (V25). */
    static final String BEFORE_CONTRIBUTIONS = "2020-07";

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
    PublicationDifferences differences;

    @Autowired
    RangeReports ranges;

    @BeforeAll
    void addUsersAndSubmissions() {
        WebFixture.prepare(accounts);
        WebSubmissions.visits(PUBLISHED);
        WebSubmissions.visits(STAFF_TRIES);
        WebSubmissions.visits(CHANGED);
        WebSubmissions.visits(RANGE_FROM);
        WebSubmissions.visits(RANGE_TO);
        WebSubmissions.visits(BEFORE_CONTRIBUTIONS);
        WebSubmissions.visits(INCOMPLETE);
    }

    /**
     * Each month has 兴庆区's two visits (张三 500.00, 李四 300.50) and 银川市's one (钱七 200.00): over the range 6 visits
     * of 3 persons, 2001.00 yuan; 西夏区's late file in the second month (孙八 400.00) makes it 7 visits of 4 persons,
     * 2401.00 yuan.
     */
    @Test
    void publishesARangeOfMonthsAsRevisionsThatLaterRunsDoNotChange() throws Exception {
        long october = completedRun(RANGE_FROM);
        long november = completedRun(RANGE_TO);
        String range = RANGE_FROM + "_" + RANGE_TO;

        String publishedSha256 = JsonPath.read(mvc.perform(post("/api/publications").with(admin())
                        .contentType(MediaType.APPLICATION_JSON).content(rangeBody(RANGE_FROM, RANGE_TO, "报全总")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/workbooks/640000/" + range + "?revision=1"))
                .andExpect(jsonPath("$.period").value(RANGE))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.executionId").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.fileName").value("provincial-totals-640000-" + range + ".xlsx"))
                .andExpect(jsonPath("$.note").value("报全总"))
                .andReturn().getResponse().getContentAsString(), "$.sha256");
        assertThat(publishedFigure(RANGE, 1, "person_visits")).isEqualByComparingTo("6");
        assertThat(publishedFigure(RANGE, 1, "distinct_persons")).isEqualByComparingTo("3");
        assertThat(publishedFigure(RANGE, 1, "amount_yuan")).isEqualByComparingTo("2001.00");

        byte[] published = mvc.perform(get("/api/workbooks/640000/" + range).with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "1"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"provincial-totals-640000-" + range + ".xlsx\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(sha256(published)).isEqualTo(publishedSha256);
        assertThat(mark(published)).startsWith("已发布：修订版 1，").endsWith(" 由 " + WebFixture.ADMIN + " 发布；说明：报全总");
        byte[] computed = latestRange(range);
        assertThat(mark(computed)).isEqualTo(PublicationMark.NOT_PUBLISHED);
        assertThat(DataSheets.read(computed)).isEqualTo(DataSheets.read(published));
        assertThat(sheetNames(published)).doesNotContain("与发布版差异");
        assertThat(sheetRows(computed, "与发布版差异")).containsExactly("与已发布的修订版 1 相比，现在的数字没有变化。");

        SubmissionFiles.csv(WebFixture.source().resolve("640105/640105_visits_" + RANGE_TO + ".csv"), rows(
                WebSubmissions.HEADER_VISITS,
                "640105," + Ids.residentId("640105", LocalDate.of(1978, 4, 2), 44) + ",孙八,困难职工," + RANGE_TO
                        + "-12,400.00"));
        completedRun(RANGE_TO);

        byte[] publishedAgain = mvc.perform(get("/api/workbooks/640000/" + range).with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "1"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(publishedAgain).isEqualTo(published);
        byte[] latest = latestRange(range);
        assertThat(mark(latest)).isEqualTo(PublicationMark.NOT_PUBLISHED);
        assertThat(DataSheets.read(latest)).isNotEqualTo(DataSheets.read(published));
        // what changed since revision 1: 西夏区's late file, received after it, behind each figure it changed
        String received = "640105_visits_" + RANGE_TO + ".csv（发布后收到）";
        BigDecimal monthAmount = new BigDecimal("500.00").add(new BigDecimal("300.50")).add(new BigDecimal("200.00"));
        BigDecimal amount = monthAmount.multiply(BigDecimal.valueOf(2));
        BigDecimal lateAmount = new BigDecimal("400.00");
        int visits = 2 * 3;
        int hardship = 2;
        int persons = 3;
        List<String> changed = List.of(
                "慰问|640000|宁夏回族自治区|慰问人次|合计|" + visits + "|" + (visits + 1) + "|1|" + received,
                "慰问|640100|银川市|慰问人次|合计|" + visits + "|" + (visits + 1) + "|1|" + received,
                "慰问|640105|西夏区|慰问人次|合计|0|1|1|" + received,
                "慰问|640000|宁夏回族自治区|慰问人次|困难职工|" + hardship + "|" + (hardship + 1) + "|1|" + received,
                "慰问|640100|银川市|慰问人次|困难职工|" + hardship + "|" + (hardship + 1) + "|1|" + received,
                "慰问|640105|西夏区|慰问人次|困难职工|0|1|1|" + received,
                "慰问|640000|宁夏回族自治区|慰问人数（去重）|合计|" + persons + "|" + (persons + 1) + "|1|" + received,
                "慰问|640100|银川市|慰问人数（去重）|合计|" + persons + "|" + (persons + 1) + "|1|" + received,
                "慰问|640105|西夏区|慰问人数（去重）|合计|0|1|1|" + received,
                "慰问|640000|宁夏回族自治区|慰问金额（元）|合计|" + plain(amount) + "|" + plain(amount.add(lateAmount)) + "|"
                        + plain(lateAmount) + "|" + received,
                "慰问|640100|银川市|慰问金额（元）|合计|" + plain(amount) + "|" + plain(amount.add(lateAmount)) + "|"
                        + plain(lateAmount) + "|" + received,
                "慰问|640105|西夏区|慰问金额（元）|合计|0|" + plain(lateAmount) + "|" + plain(lateAmount) + "|" + received);
        List<String> sheet = sheetRows(latest, "与发布版差异");
        assertThat(sheet.get(0)).isEqualTo("与已发布的修订版 1 相比，现在有 " + changed.size() + " 项数字不同（未变的数字不列出）。");
        assertThat(sheet.get(1)).isEqualTo("数据集|行政区划代码|地区|指标|分类|发布值|新值|差额|引起变化的报送文件");
        assertThat(sheet.subList(2, sheet.size())).containsExactlyElementsOf(changed);
        // report --from --to writes the range's workbook the same way
        Path reported = ranges.write(PROVINCE, RANGE_FROM, RANGE_TO, Files.createTempDirectory("range-report-"))
                .workbook();
        assertThat(sheetRows(Files.readAllBytes(reported), "与发布版差异")).isEqualTo(sheet);
        // the range's figures as the latest download computed them: 西夏区's visit counted
        assertThat(jdbc.queryForObject("""
                select value from period_total where province = '640000' and period = ? and dataset = 'visits'
                  and region_code = '640000' and measure = 'person_visits' and breakdown = ''""", BigDecimal.class,
                RANGE)).isEqualByComparingTo("7");
        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(rangeBody(RANGE_FROM, RANGE_TO, " ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("640000 " + RANGE + " 已发布修订版 1，再次发布须在说明（note）中写明原因"));
        mvc.perform(post("/api/publications").with(staff()).contentType(MediaType.APPLICATION_JSON)
                        .content(rangeBody(RANGE_FROM, RANGE_TO, "西夏区迟报")))
                .andExpect(status().isForbidden());
        assertThat(revisions(RANGE)).isEqualTo(1);

        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(rangeBody(RANGE_FROM, RANGE_TO, "西夏区迟报")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.revision").value(2));
        assertThat(publishedFigure(RANGE, 2, "person_visits")).isEqualByComparingTo("7");
        assertThat(publishedFigure(RANGE, 2, "distinct_persons")).isEqualByComparingTo("4");
        assertThat(publishedFigure(RANGE, 2, "amount_yuan")).isEqualByComparingTo("2401.00");
        assertThat(publishedFigure(RANGE, 1, "person_visits")).isEqualByComparingTo("6");

        // revision 2 holds its differences from revision 1, as a republished run's workbook does; nothing changed since
        assertThat(sheetRows(mvc.perform(get("/api/workbooks/640000/" + range).with(staff()))
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "2"))
                .andReturn().getResponse().getContentAsByteArray(), "与发布版差异")).isEqualTo(sheet);
        assertThat(sheetRows(latestRange(range), "与发布版差异"))
                .containsExactly("与已发布的修订版 2 相比，现在的数字没有变化。");
        assertThat(mvc.perform(get("/api/workbooks/640000/" + range + "?revision=1").with(staff()))
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "1"))
                .andReturn().getResponse().getContentAsByteArray()).isEqualTo(published);
        mvc.perform(get("/api/workbooks/640000/" + range + "?revision=3").with(staff()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("640000 " + RANGE + " 没有修订版 3"));
        mvc.perform(get("/api/publications?province=640000&from=" + RANGE_FROM + "&to=" + RANGE_TO).with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].revision").value(1))
                .andExpect(jsonPath("$[1].revision").value(2))
                .andExpect(jsonPath("$[1].note").value("西夏区迟报"));
        assertThat(jdbc.queryForList("select actor || ' ' || action || ' ' || detail from audit_event"
                + " where action like 'publication.%' and detail like ?", String.class, "640000 " + RANGE + "%"))
                .contains(WebFixture.ADMIN + " publication.publish 640000 " + RANGE + " 修订版 1 ← " + RANGE_FROM
                                + " 运行 " + october + "、" + RANGE_TO + " 运行 " + november + " sha256 " + publishedSha256,
                        WebFixture.STAFF + " publication.download 640000 " + RANGE + " 修订版 1",
                        WebFixture.STAFF + " publication.download 640000 " + RANGE + " 修订版 2");

        // the dashboard showing the range lists its revisions and, for admins, publishes it
        String shown = "/?province=640000&period=" + RANGE_TO + "&from=" + RANGE_FROM + "&to=" + RANGE_TO;
        String revisionLink = "/downloads/workbooks/640000/" + range + "?revision=";
        mvc.perform(get(shown).with(PagesTests.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(revisionLink + "1"), containsString(revisionLink + "2"),
                        containsString("id=\"publish-range-form\""), containsString("再次发布的原因（必填）"),
                        containsString("确定发布2020年10月至2020年11月累计的数字？"))));
        mvc.perform(get(shown).with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(revisionLink + "2"),
                        not(containsString("publish-range-form")))));
        mvc.perform(post("/figures/publish").with(PagesTests.staff()).with(csrf()).param("province", PROVINCE)
                        .param("from", RANGE_FROM).param("to", RANGE_TO).param("note", "复核").param("confirmed", "true"))
                .andExpect(status().isForbidden());
        String back = "/?province=640000&period=" + RANGE_TO + "&from=" + RANGE_FROM + "&to=" + RANGE_TO;
        mvc.perform(post("/figures/publish").with(PagesTests.admin()).with(csrf()).param("province", PROVINCE)
                        .param("period", RANGE_TO).param("from", RANGE_FROM).param("to", RANGE_TO).param("note", "复核"))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("error", "未发布：请勾选“我已核对，确认发布”后再发布"));
        mvc.perform(post("/figures/publish").with(PagesTests.admin()).with(csrf()).param("province", PROVINCE)
                        .param("period", RANGE_TO).param("from", RANGE_FROM).param("to", RANGE_TO)
                        .param("confirmed", "true"))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("error", "无法发布：640000 " + RANGE
                        + " 已发布修订版 2，再次发布须在说明（note）中写明原因"));
        assertThat(revisions(RANGE)).isEqualTo(2);
        mvc.perform(post("/figures/publish").with(PagesTests.admin()).with(csrf()).param("province", PROVINCE)
                        .param("period", RANGE_TO).param("from", RANGE_FROM).param("to", RANGE_TO)
                        .param("note", "复核").param("confirmed", "true"))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.startsWith("已发布 640000 " + RANGE
                        + " 修订版 3（SHA-256 ")));
        assertThat(revisions(RANGE)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select published_by || ' ' || note from publication where province = '640000'"
                + " and period = ? and revision = 3", String.class, RANGE)).isEqualTo(WebFixture.ADMIN + " 复核");
    }

    @Test
    void refusesToPublishARangeThatIsIncompleteOrOneMonthAndStoresNothing() throws Exception {
        completedRun(INCOMPLETE);
        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(rangeBody(INCOMPLETE, NEVER_RUN, "报全总")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("月份 " + NEVER_RUN + " 还没有完成的运行，2020年4月至2020年5月的数字"
                        + "不完整；请先运行这些月份，完成后再发布"));
        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(rangeBody(INCOMPLETE, INCOMPLETE, "报全总")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("起始月份与截止月份都是 " + INCOMPLETE
                        + "：一个月请发布该月完成的运行（period 与 executionId）"));
        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(rangeBody(NEVER_RUN, INCOMPLETE, "报全总")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("起始月份 " + NEVER_RUN + " 晚于截止月份 " + INCOMPLETE + "，请互换两者"));
        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"province\":\"640000\",\"period\":\"" + INCOMPLETE + "\",\"executionId\":1,"
                                + "\"from\":\"" + INCOMPLETE + "\",\"to\":\"" + NEVER_RUN + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("发布须给出 province，以及一个月的 period 和 executionId，"
                        + "或几个月的 from 和 to（两者只选其一）"));
        mvc.perform(get("/api/workbooks/640000/" + INCOMPLETE + "_" + NEVER_RUN + "?revision=1").with(staff()))
                .andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("select count(*) from publication where province = '640000'"
                + " and (period like ? or period like ?)", Integer.class, INCOMPLETE + "/%", NEVER_RUN + "/%")).isZero();
    }

    /**
     * A revision published before contributions were kept (V25) has its figures and no contributions: a later run
     * lists the figures that changed, each saying that the files behind it cannot be named, rather than naming every
     * file of the figure as changed.
     */
    @Test
    void saysSoWhereARevisionPublishedBeforeContributionsWereKeptCannotNameTheFiles() throws Exception {
        long run = completedRun(BEFORE_CONTRIBUTIONS);
        long id = jdbc.queryForObject("""
                insert into publication (province, period, revision, execution_id, file_name, workbook, sha256,
                                         published_by)
                values ('640000', ?, 1, ?, 'f.xlsx', '\\x504b'::bytea, repeat('0', 64), 'test') returning id""",
                Long.class, BEFORE_CONTRIBUTIONS, run);
        // the figures as the run computed them, but the province's visits one fewer than now
        jdbc.update("""
                insert into publication_figure (publication_id, dataset, region_code, measure, breakdown, value)
                select ?, dataset, region_code, measure, breakdown,
                       case when dataset = 'visits' and region_code = '640000' and measure = 'person_visits'
                                 and breakdown = '' then value - 1 else value end
                from period_total where province = '640000' and period = ?""", id, BEFORE_CONTRIBUTIONS);

        assertThat(differences.compare(run, ReportPeriod.month(PROVINCE, BEFORE_CONTRIBUTIONS, Set.of())))
                .hasValueSatisfying(comparison -> assertThat(comparison.changed()).isEqualTo(1));
        assertThat(differences.differences(run, 10)).singleElement().satisfies(difference -> {
            assertThat(difference.regionCode()).isEqualTo("640000");
            assertThat(difference.measure()).isEqualTo("person_visits");
            assertThat(difference.published()).isEqualByComparingTo("2");
            assertThat(difference.current()).isEqualByComparingTo("3");
            assertThat(difference.submissions())
                    .isEqualTo("修订版 1 发布时尚未记录各报送文件对数字的贡献，无法列出引起变化的文件");
        });
    }

    @Test
    void keepsEveryRevisionByteForByteWhileLaterRunsChangeTheFigures() throws Exception {
        long first = completedRun(PUBLISHED);
        byte[] firstWorkbook = latestWorkbook(PUBLISHED);

        String publishedSha256 = JsonPath.read(mvc.perform(post("/api/publications").with(admin())
                        .contentType(MediaType.APPLICATION_JSON).content(body(PUBLISHED, first, "报全总")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/workbooks/640000/" + PUBLISHED + "?revision=1"))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.executionId").value(first))
                .andExpect(jsonPath("$.publishedBy").value(WebFixture.ADMIN))
                .andExpect(jsonPath("$.note").value("报全总"))
                .andReturn().getResponse().getContentAsString(), "$.sha256");
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
        assertThat(sha256(published)).isEqualTo(publishedSha256);
        assertThat(published).hasSize(jdbc.queryForObject("select octet_length(workbook) from publication"
                + " where province = '640000' and period = ? and revision = 1", Integer.class, PUBLISHED));
        // the run's workbook as published: the same figures, its 未发布 mark replaced by the revision
        assertThat(mark(firstWorkbook)).isEqualTo(PublicationMark.NOT_PUBLISHED);
        assertThat(mark(published)).startsWith("已发布：修订版 1，").endsWith(" 由 " + WebFixture.ADMIN + " 发布；说明：报全总");
        assertThat(DataSheets.read(published)).isEqualTo(DataSheets.read(firstWorkbook));
        assertThat(secondWorkbook).isNotEqualTo(firstWorkbook);

        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(PUBLISHED, latestCompleted(PUBLISHED), " ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("原因")));
        assertThat(revisions(PUBLISHED)).isEqualTo(1);

        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(PUBLISHED, latestCompleted(PUBLISHED), "西夏区迟报")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.revision").value(2));
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
        assertThat(revisionOne).isEqualTo(published);
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
                                + " sha256 " + publishedSha256,
                        WebFixture.STAFF + " publication.download 640000 " + PUBLISHED + " 修订版 1",
                        WebFixture.STAFF + " publication.download 640000 " + PUBLISHED + " 修订版 2");
    }

    /**
     * Revision 1 has 兴庆区 (640104) with 张三 500.00 and 李四 300.50 and 银川市 (640100) with 钱七 200.00; then 西夏区
     * (640105) sends a late file with 孙八 400.00 (困难职工) and 兴庆区 a second version with 李四's amount corrected to
     * 350.50. Hand-computed, the figures that change are 西夏区's four visits figures, 兴庆区's amount, and the four of
     * 银川市 and of the province; each names the files behind it, a second version only where it changed the figure.
     */
    @Test
    void listsEachFigureChangedSincePublicationWithTheFilesBehindIt() throws Exception {
        long first = completedRun(CHANGED);
        mvc.perform(post("/api/publications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(CHANGED, first, "报全总")))
                .andExpect(status().isCreated());
        byte[] published = mvc.perform(get("/api/workbooks/640000/" + CHANGED).with(staff()))
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "1"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(sheetNames(published)).doesNotContain("与发布版差异");

        String late = "640105_visits_" + CHANGED + ".csv";
        String firstVersion = "640104_visits_" + CHANGED + ".csv";
        String secondVersion = "640104_visits_" + CHANGED + "_v2.csv";
        SubmissionFiles.csv(WebFixture.source().resolve("640105/" + late), rows(WebSubmissions.HEADER_VISITS,
                "640105," + Ids.residentId("640105", LocalDate.of(1978, 4, 2), 44) + ",孙八,困难职工," + CHANGED
                        + "-12,400.00"));
        SubmissionFiles.csv(WebFixture.source().resolve("640104/" + secondVersion), rows(WebSubmissions.HEADER_VISITS,
                "640104," + WebSubmissions.P1 + ",张三,困难职工," + CHANGED + "-10,500.00",
                "640104," + WebSubmissions.P2 + ",李四,快递员," + CHANGED + "-10,350.50"));
        long second = completedRun(CHANGED);

        byte[] publishedAgain = mvc.perform(get("/api/workbooks/640000/" + CHANGED).with(staff()))
                .andExpect(header().string(DownloadsApiController.PUBLICATION_REVISION, "1"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(publishedAgain).isEqualTo(published);
        assertThat(sha256(publishedAgain)).isEqualTo(jdbc.queryForObject("select sha256 from publication"
                + " where province = '640000' and period = ? and revision = 1", String.class, CHANGED));
        byte[] latest = latestWorkbook(CHANGED);
        assertThat(latest).isNotEqualTo(published);
        assertThat(mark(latest)).isEqualTo(PublicationMark.NOT_PUBLISHED);

        String replaced = firstVersion + "（已被新版本替代）";
        String newVersion = secondVersion + "（新版本 v2）";
        String received = late + "（发布后收到）";
        List<String> expected = List.of(
                "慰问|640000|宁夏回族自治区|慰问人次|合计|3|4|1|" + received,
                "慰问|640100|银川市|慰问人次|合计|3|4|1|" + received,
                "慰问|640105|西夏区|慰问人次|合计|0|1|1|" + received,
                "慰问|640000|宁夏回族自治区|慰问人次|困难职工|1|2|1|" + received,
                "慰问|640100|银川市|慰问人次|困难职工|1|2|1|" + received,
                "慰问|640105|西夏区|慰问人次|困难职工|0|1|1|" + received,
                "慰问|640000|宁夏回族自治区|慰问人数（去重）|合计|3|4|1|" + received,
                "慰问|640100|银川市|慰问人数（去重）|合计|3|4|1|" + received,
                "慰问|640105|西夏区|慰问人数（去重）|合计|0|1|1|" + received,
                "慰问|640000|宁夏回族自治区|慰问金额（元）|合计|1000.5|1450.5|450|" + replaced + "；" + newVersion + "；"
                        + received,
                "慰问|640100|银川市|慰问金额（元）|合计|1000.5|1450.5|450|" + replaced + "；" + newVersion + "；"
                        + received,
                "慰问|640104|兴庆区|慰问金额（元）|合计|800.5|850.5|50|" + replaced + "；" + newVersion,
                "慰问|640105|西夏区|慰问金额（元）|合计|0|400|400|" + received);
        List<String> sheet = sheetRows(latest, "与发布版差异");
        assertThat(sheet.get(0)).isEqualTo("与已发布的修订版 1 相比，本次运行有 13 项数字不同（未变的数字不列出）。");
        assertThat(sheet.get(1)).isEqualTo("数据集|行政区划代码|地区|指标|分类|发布值|新值|差额|引起变化的报送文件");
        assertThat(sheet.subList(2, sheet.size())).containsExactlyElementsOf(expected);

        mvc.perform(get("/runs/" + second).with(PagesTests.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("与已发布的修订版 1 相比，本次运行有 13 项数字不同（未变的数字不列出）。"),
                        containsString(replaced + "；" + newVersion + "；" + received),
                        containsString("id=\"publish-form\""))));
        mvc.perform(get("/runs/" + second).with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("慰问金额（元）"),
                        not(containsString("publish-form")))));
        mvc.perform(post("/runs/" + second + "/publish").with(PagesTests.staff()).with(csrf())
                        .param("note", "西夏区迟报").param("confirmed", "true"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/runs/" + second + "/publish").with(PagesTests.admin()).with(csrf())
                        .param("note", "西夏区迟报"))
                .andExpect(redirectedUrl("/runs/" + second))
                .andExpect(flash().attribute("error", "未发布：请勾选“我已核对，确认发布”后再发布"));
        mvc.perform(post("/runs/" + second + "/publish").with(PagesTests.admin()).with(csrf())
                        .param("confirmed", "true"))
                .andExpect(redirectedUrl("/runs/" + second))
                .andExpect(flash().attribute("error", "无法发布：640000 " + CHANGED
                        + " 已发布修订版 1，再次发布须在说明（note）中写明原因"));
        assertThat(revisions(CHANGED)).isEqualTo(1);
        mvc.perform(post("/runs/" + second + "/publish").with(PagesTests.admin()).with(csrf())
                        .param("note", "西夏区迟报，兴庆区更正").param("confirmed", "true"))
                .andExpect(redirectedUrl("/runs/" + second));
        assertThat(revisions(CHANGED)).isEqualTo(2);

        long third = completedRun(CHANGED);
        assertThat(sheetRows(latestWorkbook(CHANGED), "与发布版差异"))
                .containsExactly("与已发布的修订版 2 相比，本次运行的数字没有变化。");
        mvc.perform(get("/runs/" + third).with(PagesTests.staff()))
                .andExpect(content().string(containsString("与已发布的修订版 2 相比，本次运行的数字没有变化。")));
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
        long failed = runner.start(PROVINCE, FAILED, List.of(SourceLocation.parse(unreachable)),
                WebFixture.source().resolveSibling("web-test-out"), 0.5);
        assertThat(WebFixture.awaitEnd(history, failed, ApiTests.RUN_TIMEOUT).status()).isEqualTo("FAILED");

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
        assertThat(WebFixture.awaitEnd(history, id, ApiTests.RUN_TIMEOUT).status()).isEqualTo("COMPLETED");
        return id;
    }

    private long latestCompleted(String period) {
        return history.runs(PROVINCE, period, 10).stream().filter(run -> "COMPLETED".equals(run.status()))
                .findFirst().orElseThrow().id();
    }

    private byte[] latestWorkbook(String period) throws Exception {
        return mvc.perform(get("/api/workbooks/640000/" + period + "?latest=true").with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist(DownloadsApiController.PUBLICATION_REVISION))
                .andReturn().getResponse().getContentAsByteArray();
    }

    private BigDecimal publishedFigure(int revision, String measure) {
        return publishedFigure(PUBLISHED, revision, measure);
    }

    private BigDecimal publishedFigure(String period, int revision, String measure) {
        return jdbc.queryForObject("""
                select f.value from publication p join publication_figure f on f.publication_id = p.id
                where p.province = '640000' and p.period = ? and p.revision = ? and f.dataset = 'visits'
                  and f.region_code = '640000' and f.measure = ? and f.breakdown = ''""", BigDecimal.class,
                period, revision, measure);
    }

    /** The range's workbook computed now, marked 未发布. */
    private byte[] latestRange(String range) throws Exception {
        return mvc.perform(get("/api/workbooks/640000/" + range + "?latest=true").with(staff()))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist(DownloadsApiController.PUBLICATION_REVISION))
                .andReturn().getResponse().getContentAsByteArray();
    }

    /** The text of the mark beside the title of the summary sheet (未发布, or the revision). */
    private static String mark(byte[] workbook) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            return book.getSheet("汇总").getRow(0).getCell(4).getStringCellValue();
        }
    }

    private static List<String> sheetNames(byte[] workbook) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            List<String> names = new ArrayList<>();
            book.forEach(sheet -> names.add(sheet.getSheetName()));
            return names;
        }
    }

    /** Each row of the sheet, its cells joined by |, numbers without trailing zeros. */
    private static List<String> sheetRows(byte[] workbook, String sheetName) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            List<String> rows = new ArrayList<>();
            for (Row row : book.getSheet(sheetName)) {
                List<String> cells = new ArrayList<>();
                for (Cell cell : row) {
                    cells.add(cell.getCellType() == CellType.NUMERIC
                            ? BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString()
                            : cell.getStringCellValue());
                }
                rows.add(String.join("|", cells));
            }
            return rows;
        }
    }

    private int revisions(String period) {
        return jdbc.queryForObject("select count(*) from publication where province = '640000' and period = ?",
                Integer.class, period);
    }

    private static String body(String period, long execution, String note) {
        return "{\"province\":\"640000\",\"period\":\"" + period + "\",\"executionId\":" + execution
                + ",\"note\":\"" + note + "\"}";
    }

    private static String rangeBody(String from, String to, String note) {
        return "{\"province\":\"640000\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"note\":\"" + note + "\"}";
    }

    /** An amount as {@link #sheetRows} shows it. */
    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
