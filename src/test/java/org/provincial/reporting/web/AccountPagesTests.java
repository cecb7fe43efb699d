package org.provincial.reporting.web;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.security.Role;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every user's own page: their password, and personal API tokens that scripts send as {@code Bearer}. */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void addUsers() {
        WebFixture.prepare(accounts);
    }

    MockHttpSession signIn(String name, String password, String address) throws Exception {
        return SecurityTests.signIn(mvc, name, password, address);
    }

    @Test
    void makesATokenShownOnceStoredAsSha256UsableAsBearerAndRevocable() throws Exception {
        accounts.save("script.staff", Role.STAFF, "script-staff-pass", "test");
        MockHttpSession session = signIn("script.staff", "script-staff-pass", "10.17.5.1");

        String token = (String) mvc.perform(post("/account/tokens").session(session).with(csrf())
                        .param("label", "每日下载脚本"))
                .andExpect(redirectedUrl("/account"))
                .andExpect(flash().attribute("notice", startsWith("已新建令牌“每日下载脚本”")))
                .andReturn().getFlashMap().get("newToken");

        assertThat(token).matches("prt_[A-Za-z0-9_-]{43}");
        byte[] stored = jdbc.queryForObject("select token_hash from api_token where label = '每日下载脚本'", byte[].class);
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.queryForObject("select count(*) from api_token where prefix || label like ?", Long.class,
                "%" + token.substring(12) + "%")).isZero();
        mvc.perform(get("/account").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<code id=\"new-token\">" + token + "</code>")));
        mvc.perform(get("/account").session(session)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("每日下载脚本"), containsString(token.substring(0, 10)),
                        not(containsString(token)))));

        mvc.perform(get("/api/runs").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        mvc.perform(post("/api/runs").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"province\":\"640000\",\"period\":\"2023-04\"}"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select last_used_at is not null from api_token where label = '每日下载脚本'",
                Boolean.class)).isTrue();

        long id = jdbc.queryForObject("select id from api_token where label = '每日下载脚本'", Long.class);
        mvc.perform(post("/account/tokens/" + id + "/revoke").session(session).with(csrf()))
                .andExpect(flash().attribute("notice", startsWith("已撤销令牌")));

        mvc.perform(get("/api/runs").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(startsWith("令牌无效或已撤销")));
        assertThat(jdbc.queryForList("select action from audit_event where actor = 'script.staff' order by id",
                String.class)).containsSubsequence("token.create", "token.revoke");
    }

    @Test
    void refusesAnotherUsersTokenToBeRevokedAndDropsTheTokensOfARemovedUser() throws Exception {
        accounts.save("leaving.staff", Role.STAFF, "leaving-staff-pass", "test");
        MockHttpSession session = signIn("leaving.staff", "leaving-staff-pass", "10.17.5.2");
        String token = (String) mvc.perform(post("/account/tokens").session(session).with(csrf()).param("label", "旧脚本"))
                .andReturn().getFlashMap().get("newToken");
        long id = jdbc.queryForObject("select id from api_token where user_name = 'leaving.staff'", Long.class);

        mvc.perform(post("/account/tokens/" + id + "/revoke").with(PagesTests.staff()).with(csrf()))
                .andExpect(flash().attribute("error", "没有这个令牌"));
        mvc.perform(get("/api/runs").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

        accounts.remove("leaving.staff", "test");

        mvc.perform(get("/api/runs").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/runs").header("Authorization", "Bearer prt_made-up")).andExpect(status().isUnauthorized());
    }

    @Test
    void letsStaffChangeTheirOwnPasswordEndingTheirOtherSessions() throws Exception {
        accounts.save("own.staff", Role.STAFF, "own-staff-first", "test");
        MockHttpSession desk = signIn("own.staff", "own-staff-first", "10.17.5.3");
        MockHttpSession phone = signIn("own.staff", "own-staff-first", "10.17.5.4");

        mvc.perform(post("/account/password").session(desk).with(csrf()).param("current", "not-my-password")
                        .param("password", "own-staff-second").param("confirmation", "own-staff-second"))
                .andExpect(flash().attribute("error", "无法修改密码：当前密码不正确"));
        mvc.perform(post("/account/password").session(desk).with(csrf()).param("current", "own-staff-first")
                        .param("password", "123456789012").param("confirmation", "123456789012"))
                .andExpect(flash().attribute("error", containsString("连续的数字")));
        mvc.perform(post("/account/password").session(desk).with(csrf()).param("current", "own-staff-first")
                        .param("password", "own-staff-second").param("confirmation", "own-staff-second"))
                .andExpect(flash().attribute("notice", startsWith("已修改密码")));

        mvc.perform(get("/account").session(desk)).andExpect(status().isOk());
        mvc.perform(get("/account").session(phone)).andExpect(redirectedUrl("/login"));
        signIn("own.staff", "own-staff-second", "10.17.5.5");
    }
}
