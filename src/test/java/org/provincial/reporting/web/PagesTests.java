package org.provincial.reporting.web;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The pages of {@code serve}: sign-in with CSRF, what staff see, and what only admins may do. */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesTests {

    static final String PERIOD = "2024-06";

    @Autowired
    MockMvc mvc;

    @Autowired
    RunHistory history;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    long completed;

    @BeforeAll
    void completeARun() throws Exception {
        WebFixture.prepare(accounts);
        WebSubmissions.visits(PERIOD);
        String location = mvc.perform(post("/runs").with(admin()).with(csrf())
                        .param("province", "640000").param("period", PERIOD))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        completed = Long.parseLong(location.replace("/runs/", ""));
        assertThat(WebFixture.awaitEnd(history, completed, Duration.ofSeconds(120)).status()).isEqualTo("COMPLETED");
    }

    static RequestPostProcessor admin() {
        return user(WebFixture.ADMIN).roles("ADMIN", "STAFF");
    }

    static RequestPostProcessor staff() {
        return user(WebFixture.STAFF).roles("STAFF");
    }

    @Test
    void sendsVisitorsToTheSignInPage() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("登录"), containsString("name=\"_csrf\""))));
    }

    @Test
    void signsInWithTheStoredPasswordOnly() throws Exception {
        mvc.perform(formLogin().user(WebFixture.STAFF).password(WebFixture.STAFF_PASSWORD))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/"));
        mvc.perform(formLogin().user(WebFixture.STAFF).password("wrong-password"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").param("username", WebFixture.STAFF).param("password", WebFixture.STAFF_PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void showsStaffTheCompletenessMapRunsAndDownloads() throws Exception {
        mvc.perform(get("/").param("province", "640000").param("period", PERIOD).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("宁夏回族自治区 " + PERIOD + " 报送情况"),
                        containsString("兴庆区"), containsString("tile partly"), containsString("tile missing"),
                        containsString("/downloads/workbooks/640000/" + PERIOD),
                        containsString("/runs/" + completed),
                        not(containsString("id=\"launch\"")))));
        mvc.perform(get("/runs").with(staff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("/runs/" + completed)));
        mvc.perform(get("/runs/" + completed).with(staff())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("已完成"), containsString("收集文件"),
                        containsString("读取校验"), containsString("生成汇总表"), not(containsString("id=\"restart\"")),
                        not(containsString("http-equiv=\"refresh\"")))));
        mvc.perform(get("/downloads").param("province", "640000").param("period", PERIOD).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("/downloads/feedback/640104/" + PERIOD),
                        containsString("/downloads/workbooks/640000/" + PERIOD))));
        mvc.perform(get("/downloads/workbooks/640000/" + PERIOD).with(staff())).andExpect(status().isOk())
                .andExpect(content().contentType(DownloadsController.XLSX));
        mvc.perform(get("/downloads/feedback/640104/" + PERIOD).with(staff())).andExpect(status().isOk());
        mvc.perform(get("/runs/987654").with(staff())).andExpect(status().isNotFound());
    }

    @Test
    void browsesSubmissionsWithTheirRejections() throws Exception {
        long file = jdbc.queryForObject("select id from submission where file_name = ?", Long.class,
                "640104_visits_" + PERIOD + ".csv");

        mvc.perform(get("/submissions").param("submitter", "640104").param("period", PERIOD)
                        .param("dataset", "visits").param("status", "ACCEPTED").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("640104_visits_" + PERIOD + ".csv"),
                        containsString("/submissions/" + file), not(containsString("640100_visits_" + PERIOD)))));
        mvc.perform(get("/submissions/" + file).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("身份证号"),
                        containsString(ResidentIds.mask(WebSubmissions.MISTYPED)), not(containsString(WebSubmissions.MISTYPED)))));
    }

    @Test
    void letsOnlyAdminsLaunchRestartAndStopWithACsrfToken() throws Exception {
        mvc.perform(post("/runs").with(staff()).with(csrf()).param("province", "640000").param("period", "2023-10"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/runs/" + completed + "/restart").with(staff()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/runs/" + completed + "/stop").with(staff()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/runs/" + completed + "/upload-feedback").with(staff()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/runs").with(admin()).param("province", "640000").param("period", "2023-10"))
                .andExpect(status().isForbidden());
        assertThat(history.runs("640000", "2023-10", 10)).isEmpty();

        mvc.perform(post("/runs/" + completed + "/stop").with(admin()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/runs/" + completed))
                .andExpect(result -> assertThat(result.getFlashMap().get("error")).asString().contains("无法停止"));
        mvc.perform(get("/").param("province", "640000").param("period", PERIOD).with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"launch\""),
                        containsString("启动运行"), containsString("640000 " + PERIOD + " → 运行 " + completed))));
        mvc.perform(get("/audit").with(staff())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(WebFixture.ADMIN), containsString("启动运行"))));
    }
}
