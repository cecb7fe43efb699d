package org.provincial.reporting.web;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.PublishedFigures;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.SubmissionFiles;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.provincial.reporting.web.PagesTests.admin;
import static org.provincial.reporting.web.PagesTests.staff;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages a statistics clerk works in all day (issue 17, items 8–10): months without files to pick, names instead of
 * codes, thousands separators, a run's summary, a stopped run, each run's own workbook, a file's rejections by page,
 * code and column with its downloads, and the dashboard's completion per city, deadline, missing list and the files
 * behind a figure. 宁夏 (640000), whose job has {@code deadlineDay: 10}.
 */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClerkPagesTests {

    static final String PERIOD = "2024-07";

    @Autowired
    MockMvc mvc;

    @Autowired
    RunHistory history;

    @Autowired
    UserAccounts accounts;

    @Autowired
    RegionReference regions;

    @Autowired
    JdbcTemplate jdbc;

    long completed;

    long rejectedFile;

    @BeforeAll
    void completeARun() throws Exception {
        WebFixture.prepare(accounts);
        WebSubmissions.visits(PERIOD);
        WebSubmissions.largeFiles(PERIOD);
        completed = launch(PERIOD);
        assertThat(WebFixture.awaitEnd(history, completed, ApiTests.RUN_TIMEOUT).status()).isEqualTo("COMPLETED");
        rejectedFile = jdbc.queryForObject("select id from submission where file_name = ?", Long.class,
                "640105_visits_" + PERIOD + ".xlsx");
    }

    @Test
    void offersThisMonthAndTheMonthDueNextThoughNoFileCameYet() throws Exception {
        LocalDate today = LocalDate.now();
        YearMonth thisMonth = YearMonth.from(today);
        // deadlineDay 10: the previous month's files are due by the 10th of this one
        YearMonth dueNext = today.getDayOfMonth() <= 10 ? thisMonth.minusMonths(1) : thisMonth;
        for (String page : List.of("/", "/downloads", "/runs", "/submissions")) {
            mvc.perform(get(page).param("province", "640000").with(staff())).andExpect(status().isOk())
                    .andExpect(content().string(allOf(
                            containsString("<option value=\"" + thisMonth + "\""),
                            containsString("<option value=\"" + dueNext + "\""),
                            containsString("<option value=\"" + PERIOD + "\""),
                            containsString(">宁夏回族自治区</option>"),
                            not(containsString("type=\"text\" name=\"period\"")),
                            not(containsString("type=\"text\" name=\"province\"")))));
        }
        mvc.perform(get("/").param("province", "640000").param("period", thisMonth.toString()).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("宁夏回族自治区 " + thisMonth + " 报送情况")));
    }

    @Test
    void choosesSubmittersByNameGroupedByCity() throws Exception {
        mvc.perform(get("/submissions").param("province", "640000").param("submitter", "640105").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<optgroup label=\"银川市\">"),
                        containsString("<option value=\"640105\" selected=\"selected\">西夏区</option>"),
                        containsString("<option value=\"640104\">兴庆区</option>"),
                        not(containsString("type=\"text\" name=\"submitter\"")),
                        containsString("640105_visits_" + PERIOD + ".xlsx"),
                        not(containsString("640104_visits_" + PERIOD)),
                        // rows read with a thousands separator
                        containsString(">" + thousands(WebSubmissions.MISTYPED_ROWS + WebSubmissions.BAD_DATE_ROWS)
                                + "<"))));
    }

    @Test
    void showsTheRunsSummaryInsteadOfCommitCounts() throws Exception {
        int expected = regions.expectedSubmitters("640000").size();
        long received = jdbc.queryForObject("select count(*) from submission where collected_by = ?", Long.class,
                completed);
        mvc.perform(get("/runs/" + completed).with(staff())).andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("收到 " + thousands(received) + "，计入 3，退回 1，留待下次 0"),
                        // 兴庆区 2 + 银川市 1 + 金凤区 1,000 accepted; the mistyped row of 兴庆区 (西夏区's file is not counted)
                        containsString("接受 " + thousands(3 + WebSubmissions.VALID_ROWS) + "，拒收 1，去重 0"),
                        containsString((expected - 3) + " / " + expected),
                        containsString("id=\"run-summary\""),
                        not(containsString("<th>提交</th>")), not(containsString("<th>回滚</th>")),
                        containsString("下载本次运行的汇总表"),
                        not(containsString("id=\"restart\"")))));
    }

    /**
     * The summary's conflicts and failed feedback uploads, which the run above leaves at 0: 银川市 reports 张三's visit
     * that 兴庆区 reported too, with another amount (one conflict), and an upload of 兴庆区's feedback is pending (as
     * FeedbackWriter records a failed one; a local source takes no uploads).
     */
    @Test
    void countsTheRunsConflictsAndFailedFeedbackUploadsInItsSummary() throws Exception {
        String period = "2024-10";
        WebSubmissions.visits(period);
        LocalDate day = YearMonth.parse(period).atDay(10);
        SubmissionFiles.csv(
                WebFixture.source().resolve("640100/640100_visits_" + period + ".csv"),
                SubmissionFiles.rows(WebSubmissions.HEADER_VISITS,
                        "640100," + WebSubmissions.P1 + ",张三,困难职工," + day + ",600.00"));
        long run = launch(period);
        assertThat(WebFixture.awaitEnd(history, run, ApiTests.RUN_TIMEOUT).status()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("select count(*) from conflict where province = '640000' and period = ?",
                Long.class, period)).isOne();
        jdbc.update("""
                insert into feedback_upload (province, period, submitter, source, files, reason)
                values ('640000', ?, '640104', 'ftp://collector:***@ftp.example.org:21/', ?, ?)""", period,
                new String[] {"640104-" + period + ".xlsx"}, "登录被拒绝：用户名或密码不对");

        String page = mvc.perform(get("/runs/" + run).with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String summary = page.substring(page.indexOf("id=\"run-summary\""), page.indexOf("</table>",
                page.indexOf("id=\"run-summary\"")));
        assertThat(summary).contains("<th>冲突</th><td>1</td>", "<th>反馈上传失败</th><td>1</td>");
        assertThat(page).contains("id=\"pending-uploads\"", "640104 → ftp://collector:***@ftp.example.org:21/: "
                + "登录被拒绝：用户名或密码不对", "上传待上传的反馈");
    }

    @Test
    void labelsAStoppedRunOffersItsRestartOnceAndKeepsEachRunsOwnWorkbook() throws Exception {
        String period = "2024-09";
        long stopped = launch(period);
        mvc.perform(post("/runs/" + stopped + "/stop").with(admin()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(WebFixture.awaitEnd(history, stopped, ApiTests.RUN_TIMEOUT).status()).isEqualTo("STOPPED");
        mvc.perform(get("/runs/" + stopped).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(">已停止<"), containsString("停止于步骤"),
                        containsString("从停止的步骤继续运行"))));

        long resumed = restartOnceItsThreadEnded(stopped);
        assertThat(WebFixture.awaitEnd(history, resumed, ApiTests.RUN_TIMEOUT).status()).isEqualTo("COMPLETED");
        mvc.perform(get("/runs/" + stopped).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(">已停止<"), not(containsString("id=\"restart\"")),
                        containsString("/runs/" + resumed))));

        long again = launch(period);
        assertThat(WebFixture.awaitEnd(history, again, ApiTests.RUN_TIMEOUT).status()).isEqualTo("COMPLETED");
        mvc.perform(get("/downloads").param("province", "640000").param("period", period).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("href=\"/downloads/runs/" + resumed + "/workbook\""),
                        containsString("href=\"/downloads/runs/" + again + "/workbook\""),
                        containsString("href=\"/downloads/runs/" + completed + "/workbook\""))));
        for (long run : new long[] {resumed, again}) {
            byte[] workbook = mvc.perform(get("/downloads/runs/" + run + "/workbook").with(staff()))
                    .andExpect(status().isOk()).andExpect(content().contentType(DownloadsController.XLSX))
                    .andReturn().getResponse().getContentAsByteArray();
            assertThat(workbook).startsWith('P', 'K');
        }
        assertThat(history.output(resumed).map(out -> RunHistory.runWorkbook(out, resumed,
                "provincial-totals-640000-" + period + ".xlsx"))).get().satisfies(path -> assertThat(path).isRegularFile());
        mvc.perform(get("/downloads/runs/" + stopped + "/workbook").with(staff())).andExpect(status().isNotFound());
    }

    @Test
    void pagesFiltersAndSummarisesAFilesRejections() throws Exception {
        int total = WebSubmissions.MISTYPED_ROWS + WebSubmissions.BAD_DATE_ROWS + 1; // and TOO_MANY_INVALID
        mvc.perform(get("/submissions/" + rejectedFile).with(staff())).andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("问题（" + thousands(total) + "）"),
                        containsString("共 " + thousands(total) + " 条"),
                        containsString("第 1 页 / 共 " + (total + 99) / 100 + " 页"),
                        containsString("身份证号错误"), containsString(">" + thousands(WebSubmissions.MISTYPED_ROWS) + "<"),
                        containsString("错误行过多，整份退回"),
                        containsString("id=\"feedback-link\""),
                        not(containsString("id=\"original-link\"")), not(containsString("id=\"annotated-link\"")))));
        String lastPage = mvc.perform(get("/submissions/" + rejectedFile).param("page", "13").with(staff()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(lastPage).contains("第 13 页 / 共 13 页");
        assertThat(lastPage.split("<td class=\"message\"", -1)).hasSize(total - 1200 + 1);

        mvc.perform(get("/submissions/" + rejectedFile).param("code", "DATE_INVALID").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("共 " + WebSubmissions.BAD_DATE_ROWS + " 条"),
                        containsString("不详"), not(containsString("ID_INVALID</td>")))));
        mvc.perform(get("/submissions/" + rejectedFile).param("column", "慰问日期").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("共 " + WebSubmissions.BAD_DATE_ROWS + " 条")));
        mvc.perform(get("/submissions/" + rejectedFile).param("column", SubmissionQueries.NO_COLUMN).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("共 1 条"), containsString("TOO_MANY_INVALID</td>"))));
        mvc.perform(get("/submissions/" + rejectedFile).param("code", "ID_INVALID").param("page", "2").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("第 2 页 / 共 12 页"),
                        containsString("code=ID_INVALID&amp;page=3"))));
    }

    @Test
    void letsStaffDownloadTheFeedbackAndOnlyAdminsTheOriginalAndAnnotatedCopy() throws Exception {
        byte[] feedback = mvc.perform(get("/downloads/feedback/640105/" + PERIOD).with(staff()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(feedback).startsWith('P', 'K');
        mvc.perform(get("/submissions/" + rejectedFile + "/original").with(staff())).andExpect(status().isForbidden());
        mvc.perform(get("/submissions/" + rejectedFile + "/annotated").with(staff())).andExpect(status().isForbidden());

        mvc.perform(get("/submissions/" + rejectedFile).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"original-link\""),
                        containsString("id=\"annotated-link\""))));
        byte[] original = mvc.perform(get("/submissions/" + rejectedFile + "/original").with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original))).isEqualTo(
                jdbc.queryForObject("select sha256 from submission where id = ?", String.class, rejectedFile));
        byte[] annotated = mvc.perform(get("/submissions/" + rejectedFile + "/annotated").with(admin()))
                .andExpect(status().isOk()).andExpect(content().contentType(DownloadsController.XLSX))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(annotated).startsWith('P', 'K');
        assertThat(jdbc.queryForList("select action || ' ' || detail from audit_event where actor = ? and action like"
                + " 'submission.%'", String.class, WebFixture.ADMIN)).contains(
                        "submission.original 文件 " + rejectedFile + " 640105_visits_" + PERIOD + ".xlsx");
    }

    @Test
    void showsCompletionPerCityTheDeadlineAndWhoIsLate() throws Exception {
        long late = ChronoUnit.DAYS.between(LocalDate.of(2024, 8, 10), LocalDate.now());
        long yinchuan = regions.expectedSubmitters("640000").stream()
                .filter(region -> region.code().equals("640100") || "640100".equals(region.parentCode())).count();
        mvc.perform(get("/").param("province", "640000").param("period", PERIOD).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("报送截止：2024-08-10"), containsString("已逾期 " + late + " 天"),
                        // one dataset of five is no full submission: nobody of 银川市 has submitted everything
                        containsString("已报齐 0/" + yinchuan),
                        containsString("tile rejected overdue"), containsString("逾期</small>"),
                        containsString("/missing.csv?province=640000&amp;period=" + PERIOD),
                        containsString("/figures/sources?province=640000&amp;from=" + PERIOD + "&amp;to=" + PERIOD
                                + "&amp;measure=visits/person_visits"))));
    }

    /** The figures panel shows each headline in its unit (from the bundle), money in yuan, a rate not counted as —. */
    @Test
    void showsTheHeadlineFiguresInTheirUnits() throws Exception {
        mvc.perform(get("/").param("province", "640000").param("period", PERIOD).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString(">" + PublishedFigures.count(provinceTotal("person_visits"), "人次") + "</td>"),
                        containsString(">" + PublishedFigures.count(provinceTotal("distinct_persons"), "人") + "</td>"),
                        containsString(">" + PublishedFigures.money(provinceTotal("amount_yuan")) + "</td>"))));
    }

    private BigDecimal provinceTotal(String visitsMeasure) {
        return jdbc.queryForObject("""
                select value from period_total where province = '640000' and period = ? and region_code = '640000'
                and breakdown = '' and dataset = 'visits' and measure = ?""", BigDecimal.class, PERIOD, visitsMeasure);
    }

    @Test
    void exportsTheSubmittersNotYetCompleteAsACsvExcelReads() throws Exception {
        MockHttpServletResponse csvResponse = mvc.perform(get("/missing.csv").param("province", "640000")
                        .param("period", PERIOD).with(staff()))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(ContentDisposition.parse(csvResponse.getHeader(HttpHeaders.CONTENT_DISPOSITION)).getFilename())
                .isEqualTo("未报送-640000-" + PERIOD + ".csv");
        byte[] csv = csvResponse.getContentAsByteArray();
        assertThat(Arrays.copyOf(csv, 3)).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        List<String> lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).lines().toList();
        List<Region> expected = regions.expectedSubmitters("640000");
        assertThat(lines.get(0)).isEqualTo("地市,代码,单位,状态,已计入,被退回");
        assertThat(lines).hasSize(1 + expected.size())
                .contains("银川市,640104,兴庆区,部分报送,1/5,", "银川市,640105,西夏区,被退回,0/5,慰问",
                        "银川市,640121,永宁县,未报送,0/5,");

        MockHttpServletResponse xlsxResponse = mvc.perform(get("/missing.xlsx").param("province", "640000")
                        .param("period", PERIOD).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(DownloadsController.XLSX))
                .andReturn().getResponse();
        assertThat(ContentDisposition.parse(xlsxResponse.getHeader(HttpHeaders.CONTENT_DISPOSITION)).getFilename())
                .isEqualTo("未报送-640000-" + PERIOD + ".xlsx");
        byte[] xlsx = xlsxResponse.getContentAsByteArray();
        List<String> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("未报齐单位");
            for (Row row : workbook.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell.getStringCellValue()));
                rows.add(String.join(",", cells));
            }
        }
        assertThat(rows).isEqualTo(lines);
    }

    @Test
    void showsWhichFilesOfWhichSubmittersMakeUpARegionsFigure() throws Exception {
        mvc.perform(get("/figures/sources").param("province", "640000").param("from", PERIOD)
                        .param("measure", "visits/person_visits").param("region", "640104").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("兴庆区 " + PERIOD + " 慰问人次 的来源"),
                        containsString("640104_visits_" + PERIOD + ".csv"), not(containsString("640106_visits_")),
                        containsString("id=\"figure-value\">2<"))));
        String city = mvc.perform(get("/figures/sources").param("province", "640000").param("from", PERIOD)
                        .param("to", PERIOD).param("measure", "visits/person_visits").param("region", "640100")
                        .with(staff()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(city).contains("640100_visits_" + PERIOD + ".csv", "640104_visits_" + PERIOD + ".csv",
                "640106_visits_" + PERIOD + ".csv", "id=\"figure-value\">" + thousands(3 + WebSubmissions.VALID_ROWS) + "<",
                ">" + thousands(WebSubmissions.VALID_ROWS) + "<")
                .doesNotContain("640105_visits_");
        mvc.perform(get("/figures/sources").param("province", "640000").param("from", "2024-13")
                        .param("measure", "visits/person_visits").with(staff()))
                .andExpect(status().isBadRequest());
    }

    private long launch(String period) throws Exception {
        String location = mvc.perform(post("/runs").with(admin()).with(csrf())
                        .param("province", "640000").param("period", period))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.replace("/runs/", ""));
    }

    /**
     * Restarts the stopped run from its page once the thread that ran it has let go of its period (its current step
     * runs to its end): until then the page answers with the run's own page and an error.
     */
    private long restartOnceItsThreadEnded(long stopped) {
        String[] location = new String[1];
        WebFixture.await(() -> {
            try {
                location[0] = mvc.perform(post("/runs/" + stopped + "/restart").with(admin()).with(csrf()))
                        .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
                return !location[0].equals("/runs/" + stopped);
            }
            catch (Exception e) {
                throw new AssertionError(e);
            }
        }, ApiTests.RUN_TIMEOUT, "a restart of " + stopped + " from its page that is not refused");
        return Long.parseLong(location[0].replace("/runs/", ""));
    }

    private static String thousands(long count) {
        return String.format("%,d", count);
    }
}
