package org.provincial.reporting.web;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.security.AuditLog;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.StagedRows;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The long lists a page at a time: runs (50 a page), submissions (100) and the audit log (100) on the pages, runs
 * and submissions in the API with {@code page}, {@code size} and {@code X-Total-Count}. The rows belong to 新疆
 * (650000), which no other web test uses.
 */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListPagingTests {

    static final String PROVINCE = "650000";
    static final String SUBMITTER = "650102";
    static final String PERIOD = "2018-01";
    static final String OTHER_PERIOD = "2018-02";
    static final int ACCEPTED_FILES = 120;
    static final int RUNS = 52;

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResidentIdHashes residentIds;

    @Autowired
    JobRepository jobs;

    @Autowired
    AuditLog audit;

    /** Ids of the accepted files of {@link #PERIOD}, newest first. */
    List<Long> accepted = new ArrayList<>();

    /** Ids of the runs of {@link #PERIOD}, newest first. */
    List<Long> runs = new ArrayList<>();

    @BeforeAll
    void fillTheLists() {
        WebFixture.prepare(accounts);
        StagedRows staged = new StagedRows(jdbc, residentIds);
        for (int i = 1; i <= ACCEPTED_FILES; i++) {
            accepted.add(0, staged.submission(SUBMITTER, "visits", PERIOD, i, "now", "ACCEPTED"));
            if (i % 30 == 0) {
                staged.submission(SUBMITTER, "visits", PERIOD, 1000 + i, "now", "REJECTED");
                staged.submission(SUBMITTER, "visits", OTHER_PERIOD, i, "now", "ACCEPTED");
            }
        }
        for (int i = 1; i <= RUNS; i++) {
            runs.add(0, endedRun(PERIOD, i));
            if (i % 20 == 0) {
                endedRun(OTHER_PERIOD, i);
            }
        }
    }

    /** An execution of the pipeline's job as a run that failed leaves it; nothing runs. */
    long endedRun(String period, long run) {
        JobParameters parameters = new JobParametersBuilder()
                .addString("province", PROVINCE)
                .addString("period", period)
                .addLong("run", run)
                .toJobParameters();
        JobInstance instance = jobs.createJobInstance("provincialTotals", parameters);
        JobExecution execution = jobs.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now().minusMinutes(1));
        execution.setEndTime(LocalDateTime.now());
        execution.setStatus(BatchStatus.FAILED);
        jobs.update(execution);
        return execution.getId();
    }

    @Test
    void pagesTheSubmissionsKeepingTheFilters() throws Exception {
        String first = mvc.perform(get("/submissions").param("province", PROVINCE).param("period", PERIOD)
                        .param("status", "ACCEPTED").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("共 " + ACCEPTED_FILES + " 条"),
                        containsString("第 1 页 / 共 2 页"), containsString("下一页"), not(containsString("上一页")))))
                .andReturn().getResponse().getContentAsString();
        assertThat(linkedIds(first, "/submissions/")).containsExactlyElementsOf(accepted.subList(0, 100));
        assertThat(nextLink(first)).contains("province=" + PROVINCE, "period=" + PERIOD, "status=ACCEPTED", "page=2");

        String second = mvc.perform(get(nextLink(first)).with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("共 " + ACCEPTED_FILES + " 条"),
                        containsString("第 2 页 / 共 2 页"), containsString("上一页"), not(containsString("下一页")))))
                .andReturn().getResponse().getContentAsString();
        assertThat(linkedIds(second, "/submissions/")).containsExactlyElementsOf(accepted.subList(100, ACCEPTED_FILES));

        mvc.perform(get("/submissions").param("province", PROVINCE).param("period", PERIOD)
                        .param("status", "ACCEPTED").param("page", "99").with(PagesTests.staff()))
                .andExpect(content().string(containsString("第 2 页 / 共 2 页")));
        mvc.perform(get("/submissions").param("province", PROVINCE).param("period", PERIOD).with(PagesTests.staff()))
                .andExpect(content().string(allOf(containsString("共 " + (ACCEPTED_FILES + 4) + " 条"),
                        containsString("第 1 页 / 共 2 页"))));
    }

    @Test
    void pagesTheRunsKeepingTheFilters() throws Exception {
        String first = mvc.perform(get("/runs").param("province", PROVINCE).param("period", PERIOD).with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("共 " + RUNS + " 条"),
                        containsString("第 1 页 / 共 2 页"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(linkedIds(first, "/runs/")).containsExactlyElementsOf(runs.subList(0, 50));
        assertThat(nextLink(first)).contains("province=" + PROVINCE, "period=" + PERIOD, "page=2");

        String second = mvc.perform(get(nextLink(first)).with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第 2 页 / 共 2 页")))
                .andReturn().getResponse().getContentAsString();
        assertThat(linkedIds(second, "/runs/")).containsExactlyElementsOf(runs.subList(50, RUNS));

        mvc.perform(get("/runs").param("province", PROVINCE).param("period", "2017-12").with(PagesTests.staff()))
                .andExpect(content().string(allOf(containsString("共 0 条"), containsString("第 1 页 / 共 1 页"),
                        containsString("还没有运行记录"))));
    }

    @Test
    void pagesTheAuditLogNewestFirst() throws Exception {
        for (int i = 1; i <= 130; i++) {
            audit.record("paging.test", "run.stop", "分页记录 " + i + ";");
        }
        long total = jdbc.queryForObject("select count(*) from audit_event", Long.class);
        long pages = (total + 99) / 100;

        mvc.perform(get("/audit").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("共 " + total + " 条"),
                        containsString("第 1 页 / 共 " + pages + " 页"), containsString("分页记录 130;"),
                        containsString("分页记录 31;"), not(containsString("分页记录 30;")))));
        mvc.perform(get("/audit").param("page", "2").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("第 2 页 / 共 " + pages + " 页"),
                        containsString("分页记录 30;"), containsString("分页记录 1;"),
                        not(containsString("分页记录 31;")), containsString("href=\"/audit?page=1\""))));
    }

    @Test
    void pagesTheApiWithPageSizeAndTotalCount() throws Exception {
        RequestPostProcessor staff = httpBasic(WebFixture.STAFF, WebFixture.STAFF_PASSWORD);
        String filter = "/api/submissions?province=" + PROVINCE + "&period=" + PERIOD + "&status=ACCEPTED";

        mvc.perform(get(filter).with(staff))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", String.valueOf(ACCEPTED_FILES)))
                .andExpect(jsonPath("$.length()").value(ACCEPTED_FILES))
                .andExpect(jsonPath("$[0].id").value(accepted.get(0)));
        mvc.perform(get(filter + "&page=2&size=50").with(staff))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", String.valueOf(ACCEPTED_FILES)))
                .andExpect(jsonPath("$.length()").value(50))
                .andExpect(jsonPath("$[0].id").value(accepted.get(50)))
                .andExpect(jsonPath("$[49].id").value(accepted.get(99)))
                .andExpect(jsonPath("$[0].submitter").value(SUBMITTER))
                .andExpect(jsonPath("$[0].status").value("ACCEPTED"));
        mvc.perform(get(filter + "&page=3&size=50").with(staff))
                .andExpect(jsonPath("$.length()").value(20))
                .andExpect(jsonPath("$[19].id").value(accepted.get(ACCEPTED_FILES - 1)));
        mvc.perform(get(filter + "&page=4&size=50").with(staff))
                .andExpect(header().string("X-Total-Count", String.valueOf(ACCEPTED_FILES)))
                .andExpect(jsonPath("$.length()").value(0));

        String runFilter = "/api/runs?province=" + PROVINCE + "&period=" + PERIOD;
        mvc.perform(get(runFilter).with(staff))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", String.valueOf(RUNS)))
                .andExpect(jsonPath("$.length()").value(RUNS))
                .andExpect(jsonPath("$[0].id").value(runs.get(0)))
                .andExpect(jsonPath("$[0].status").value("FAILED"));
        mvc.perform(get(runFilter + "&page=2&size=25").with(staff))
                .andExpect(header().string("X-Total-Count", String.valueOf(RUNS)))
                .andExpect(jsonPath("$.length()").value(25))
                .andExpect(jsonPath("$[0].id").value(runs.get(25)))
                .andExpect(jsonPath("$[0].province").value(PROVINCE))
                .andExpect(jsonPath("$[0].period").value(PERIOD));
        mvc.perform(get("/api/runs?province=" + PROVINCE + "&size=0").with(staff))
                .andExpect(header().string("X-Total-Count", String.valueOf(RUNS + 2)))
                .andExpect(jsonPath("$.length()").value(1));
    }

    /** The ids of the page's links to {@code prefix + id}, in the page's order. */
    static List<Long> linkedIds(String html, String prefix) {
        List<Long> ids = new ArrayList<>();
        Matcher link = Pattern
                .compile("href=\"" + Pattern.quote(prefix) + "(\\d+)\"").matcher(html);
        while (link.find()) {
            long id = Long.parseLong(link.group(1));
            if (ids.isEmpty() || ids.get(ids.size() - 1) != id) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Where the page's first 下一页 link goes, unescaped. */
    static String nextLink(String html) {
        Matcher next = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"").matcher(html);
        assertThat(next.find()).as("a link to the next page").isTrue();
        return next.group(1).replace("&amp;", "&");
    }
}
