package org.provincial.reporting.web;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.provincial.reporting.web.ApiTests.admin;
import static org.provincial.reporting.web.ApiTests.staff;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /api/totals} and the range workbook over two months of 宁夏 (640000), each with 3 visits of the same 3 persons
 * (P1, P2, P3) worth 1,000.50 yuan ({@link WebSubmissions#visits}).
 */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TotalsApiTests {

    static final String PROVINCE_VISITS =
            "$.rows[?(@.region_code == '640000' && @.dataset == 'visits' && @.measure == '%s' && @.breakdown == '')]";

    @Autowired
    MockMvc mvc;

    @Autowired
    PipelineRunner runner;

    @Autowired
    UserAccounts accounts;

    @BeforeAll
    void runTwoMonths(@TempDir Path out) throws Exception {
        WebFixture.prepare(accounts);
        for (String period : List.of("2022-05", "2022-06")) {
            WebSubmissions.visits(period);
            assertThat(runner.startAndWait("640000", period, List.of(SourceLocation.parse(WebFixture.SOURCE)), out, 0.5).completed())
                    .isTrue();
        }
    }

    @Test
    void answersTheRangesFiguresWithTheirComparisons() throws Exception {
        mvc.perform(get("/api/totals/640000?from=2022-05&to=2022-06").with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.period").value("2022-05/2022-06"))
                .andExpect(jsonPath("$.missing_months.length()").value(0))
                .andExpect(jsonPath("$.previous_period").doesNotExist())
                .andExpect(jsonPath(PROVINCE_VISITS.formatted("person_visits") + ".value").value(6))
                .andExpect(jsonPath(PROVINCE_VISITS.formatted("distinct_persons") + ".value").value(3))
                .andExpect(jsonPath(PROVINCE_VISITS.formatted("amount_yuan") + ".value").value(2001.00))
                .andExpect(jsonPath(PROVINCE_VISITS.formatted("amount_yuan") + ".period").value("2022-05/2022-06"));
        mvc.perform(get("/api/totals/640000?from=2022-06&to=2022-06").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.period").value("2022-06"))
                .andExpect(jsonPath("$.previous_period").value("2022-05"))
                .andExpect(jsonPath(PROVINCE_VISITS.formatted("person_visits") + ".value").value(3))
                .andExpect(jsonPath(PROVINCE_VISITS.formatted("person_visits") + ".previous_value").value(3))
                .andExpect(jsonPath(PROVINCE_VISITS.formatted("person_visits") + ".year_ago_value").value(
                        org.hamcrest.Matchers.contains(org.hamcrest.Matchers.nullValue())));
    }

    @Test
    void namesTheMonthsNeverRunOfARange() throws Exception {
        mvc.perform(get("/api/totals/640000?from=2022-06&to=2022-07").with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.missing_months[0]").value("2022-07"))
                .andExpect(jsonPath("$.previous_period").doesNotExist())
                .andExpect(jsonPath(PROVINCE_VISITS.formatted("person_visits") + ".value").value(3));
    }

    @Test
    void downloadsTheRangeWorkbook() throws Exception {
        byte[] workbook = mvc.perform(get("/api/workbooks/640000/2022-05_2022-06").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(DownloadsController.XLSX))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"provincial-totals-640000-2022-05_2022-06.xlsx\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(workbook).startsWith('P', 'K');
    }

    @Test
    void showsTheFiguresWithTheirChangesAndTrendsOnTheDashboard() throws Exception {
        mvc.perform(get("/").param("province", "640000").param("period", "2022-06").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("2022年6月 主要数据"), containsString("上期（2022-05）"),
                        containsString("<svg class=\"trend\""), containsString("<title>2022-05：3</title>"),
                        containsString("活动累计（2022-01 起）"), containsString("from=2022-01"))));
        mvc.perform(get("/").param("province", "640000").param("period", "2022-06").param("from", "2022-05")
                        .param("to", "2022-07").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("2022年5月至2022年7月 累计 主要数据"), containsString("未汇总月份：2022-07"),
                        containsString("/downloads/workbooks/640000/2022-05_2022-07"))));
        mvc.perform(get("/").param("province", "640000").param("period", "2022-06").param("from", "2022-07")
                        .param("to", "2022-05").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("晚于截止月份")));
    }

    @Test
    void answersBadInputWith400AndAProvinceWithoutRunsWith404() throws Exception {
        mvc.perform(get("/api/totals/640000?from=2022-06&to=2022-05").with(staff()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("晚于截止月份")));
        mvc.perform(get("/api/totals/640000?from=2022-13").with(staff()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("2022-13")));
        mvc.perform(get("/api/totals/640000").with(staff()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/totals/640000?from=2019-01&to=2022-06").with(staff()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("36")));
        mvc.perform(get("/api/workbooks/640000/2022-06_2022-05").with(staff()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/totals/150000?from=2022-05&to=2022-06").with(staff()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("尚无完成汇总的月份")));
        mvc.perform(get("/api/totals/640000?from=2022-05&to=2022-06")).andExpect(status().isUnauthorized());
    }
}
