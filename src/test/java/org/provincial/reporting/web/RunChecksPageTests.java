package org.provincial.reporting.web;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.SubmissionFiles;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.provincial.reporting.support.SubmissionFiles.rows;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A run's page lists its period's warnings for review and narrows them by importance with a query parameter, so that
 * the filter works without script. 宁夏 (640000), March 2029: 兴庆区 (640104) disburses 5,000.00 of welfare money
 * after raising 1,000.00 (高, for the county, 银川市 and the province), 金凤区 (640106) sends one visit of 50.00 (中:
 * its region's average, its file's average, visit money without welfare disbursed) and 西夏区 (640105) disburses
 * welfare money without a visit (低).
 */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunChecksPageTests {

    static final String PERIOD = "2029-03";

    @Autowired
    MockMvc mvc;

    @Autowired
    RunHistory history;

    @Autowired
    UserAccounts accounts;

    long run;

    @BeforeAll
    void completeARun() throws Exception {
        WebFixture.prepare(accounts);
        String welfare = "行政区划代码,凭证号,收支类型,资金来源,金额（元）,日期";
        String visits = WebSubmissions.HEADER_VISITS;
        SubmissionFiles.csv(WebFixture.source().resolve("640104/640104_welfare_" + PERIOD + ".csv"), rows(welfare,
                "640104,N1,筹集,社会捐赠,1000.00,2029-03-02",
                "640104,N2,发放,社会捐赠,5000.00,2029-03-09"));
        SubmissionFiles.csv(WebFixture.source().resolve("640104/640104_visits_" + PERIOD + ".csv"), rows(visits,
                "640104," + Ids.residentId("640104", LocalDate.of(1966, 5, 6), 41) + ",周一,困难职工,2029-03-09,500.00"));
        SubmissionFiles.csv(WebFixture.source().resolve("640106/640106_visits_" + PERIOD + ".csv"), rows(visits,
                "640106," + Ids.residentId("640106", LocalDate.of(1977, 7, 8), 42) + ",吴二,其他,2029-03-12,50.00"));
        SubmissionFiles.csv(WebFixture.source().resolve("640105/640105_welfare_" + PERIOD + ".csv"), rows(welfare,
                "640105,X1,筹集,企业,300.00,2029-03-03",
                "640105,X2,发放,企业,200.00,2029-03-15"));
        String location = mvc.perform(post("/runs").with(PagesTests.admin()).with(csrf())
                        .param("province", "640000").param("period", PERIOD))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        run = Long.parseLong(location.replace("/runs/", ""));
        assertThat(WebFixture.awaitEnd(history, run, Duration.ofSeconds(120)).status()).isEqualTo("COMPLETED");
    }

    @Test
    void listsEveryWarningOfThePeriodWithTheirCountsByImportance() throws Exception {
        String page = mvc.perform(get("/runs/" + run).with(PagesTests.staff())).andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("复核提示：7 条（高 3，中 3，低 1）"),
                        containsString("送温暖资金发放超过筹集与上级拨付"),
                        containsString("兴庆区（640104）"), containsString("银川市（640100）"),
                        containsString("宁夏回族自治区（640000）"), containsString("西夏区（640105）"),
                        containsString("640106_visits_2029-03.csv：本文件慰问 1 人次共 50.00 元，平均每人次不在 100～3000 元之间"),
                        containsString("<option value=\"\">全部</option>"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(warningRows(page, "高")).isEqualTo(3);
        assertThat(warningRows(page, "中")).isEqualTo(3);
        assertThat(warningRows(page, "低")).isEqualTo(1);
    }

    @Test
    void narrowsTheListToOneImportanceOnTheServer() throws Exception {
        String high = mvc.perform(get("/runs/" + run).param("importance", "高").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("复核提示：7 条（高 3，中 3，低 1）"),
                        containsString("<option value=\"高\" selected=\"selected\">高</option>"),
                        containsString("兴庆区（640104）"), not(containsString("西夏区（640105）")),
                        not(containsString("640106_visits_2029-03.csv")))))
                .andReturn().getResponse().getContentAsString();
        assertThat(warningRows(high, "高")).isEqualTo(3);
        assertThat(warningRows(high, "中") + warningRows(high, "低")).isZero();
        String low = mvc.perform(get("/runs/" + run).param("importance", "低").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("西夏区（640105）"),
                        containsString("送温暖资金发放 200.00 元，但未报送慰问记录（0 人次）"),
                        not(containsString("兴庆区（640104）")))))
                .andReturn().getResponse().getContentAsString();
        assertThat(warningRows(low, "低")).isEqualTo(1);
        assertThat(warningRows(low, "高") + warningRows(low, "中")).isZero();
    }

    @Test
    void refusesAnImportanceThatIsNotOne() throws Exception {
        mvc.perform(get("/runs/" + run).param("importance", "紧急").with(PagesTests.staff()))
                .andExpect(status().isBadRequest());
    }

    /** The rows of the warnings table of that importance. */
    private static int warningRows(String page, String importance) {
        return page.split("<tr class=\"importance-" + importance + "\"", -1).length - 1;
    }
}
