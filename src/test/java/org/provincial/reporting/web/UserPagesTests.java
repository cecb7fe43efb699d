package org.provincial.reporting.web;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.security.Role;
import org.provincial.reporting.security.UserAccount;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The admins' user page: add, change role and password, remove; audited; never yourself, never the last admin. */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserPagesTests {

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

    @Test
    void letsOnlySignedInAdminsSeeAndChangeUsers() throws Exception {
        mvc.perform(get("/admin/users")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/admin/users").with(PagesTests.staff())).andExpect(status().isForbidden());
        mvc.perform(post("/admin/users").with(PagesTests.staff()).with(csrf()).param("name", "staff.made").param("role", "admin")
                .param("password", "staff-made-1").param("confirmation", "staff-made-1"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users/" + WebFixture.STAFF + "/role").with(PagesTests.staff()).with(csrf()).param("role", "admin"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users/" + WebFixture.ADMIN + "/remove").with(PagesTests.staff()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users").with(PagesTests.admin()).param("name", "no.token").param("role", "staff")
                .param("password", "no-token-pass").param("confirmation", "no-token-pass"))
                .andExpect(status().isForbidden());
        assertThat(stored("staff.made")).isEmpty();
        assertThat(stored("no.token")).isEmpty();
        assertThat(stored(WebFixture.STAFF)).map(UserAccount::role).contains(Role.STAFF);

        mvc.perform(get("/").with(PagesTests.staff())).andExpect(content().string(not(containsString("/admin/users"))));
        mvc.perform(get("/admin/users").with(PagesTests.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("用户管理"), containsString("href=\"/admin/users\""),
                        containsString(WebFixture.STAFF), containsString("工作人员"), containsString("name=\"_csrf\""),
                        containsString("/admin/users/" + WebFixture.STAFF + "/remove"),
                        not(containsString("/admin/users/" + WebFixture.ADMIN + "/remove")))));
    }

    @Test
    void addsChangesAndRemovesAUserWritingEachToTheAuditLog() throws Exception {
        expectNotice(mvc.perform(post("/admin/users").with(PagesTests.admin()).with(csrf()).param("name", "zhou.new")
                .param("role", "staff").param("password", "zhou-first-1").param("confirmation", "zhou-first-1")),
                "已添加用户 zhou.new（工作人员）");
        assertThat(stored("zhou.new")).map(UserAccount::role).contains(Role.STAFF);
        mvc.perform(formLogin().user("zhou.new").password("zhou-first-1")).andExpect(redirectedUrl("/"));
        mvc.perform(get("/admin/users").with(PagesTests.admin())).andExpect(content().string(allOf(containsString("zhou.new"),
                not(containsString("zhou-first-1")))));

        expectNotice(mvc.perform(post("/admin/users/zhou.new/role").with(PagesTests.admin()).with(csrf()).param("role", "admin")),
                "用户 zhou.new 的角色现在是管理员");
        assertThat(stored("zhou.new")).map(UserAccount::role).contains(Role.ADMIN);

        expectNotice(mvc.perform(post("/admin/users/zhou.new/password").with(PagesTests.admin()).with(csrf())
                .param("password", "zhou-second-2").param("confirmation", "zhou-second-2")),
                "已修改用户 zhou.new 的密码");
        mvc.perform(formLogin().user("zhou.new").password("zhou-second-2")).andExpect(redirectedUrl("/"));
        mvc.perform(formLogin().user("zhou.new").password("zhou-first-1")).andExpect(redirectedUrl("/login?error"));

        expectNotice(mvc.perform(post("/admin/users/zhou.new/remove").with(PagesTests.admin()).with(csrf())),
                "已删除用户 zhou.new");
        assertThat(stored("zhou.new")).isEmpty();

        List<String> audited = jdbc.queryForList("select action || ' ' || detail from audit_event where actor = ?"
                + " and detail like 'zhou.new%' order by id", String.class, WebFixture.ADMIN);
        assertThat(audited).containsExactly("user.add zhou.new（工作人员）", "user.role zhou.new（工作人员 → 管理员）",
                "user.password zhou.new", "user.remove zhou.new");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where detail like '%zhou-%'", Long.class))
                .isZero();
        mvc.perform(get("/audit").with(PagesTests.admin())).andExpect(content().string(allOf(containsString("修改角色"),
                containsString("修改密码"), containsString("删除用户"))));
    }

    @Test
    void refusesUnusableInputWithoutChangingAnything() throws Exception {
        expectError(mvc.perform(post("/admin/users").with(PagesTests.admin()).with(csrf()).param("name", "wu.typo")
                .param("role", "staff").param("password", "wu-password-1").param("confirmation", "wu-password-2")),
                "两次输入的密码不一致");
        expectError(mvc.perform(post("/admin/users").with(PagesTests.admin()).with(csrf()).param("name", "wu.short")
                .param("role", "staff").param("password", "short").param("confirmation", "short")), "至少需要 12 个字符");
        expectError(mvc.perform(post("/admin/users").with(PagesTests.admin()).with(csrf()).param("name", "wu.weak")
                .param("role", "admin").param("password", "12345678").param("confirmation", "12345678")),
                "至少需要 12 个字符");
        expectError(mvc.perform(post("/admin/users").with(PagesTests.admin()).with(csrf()).param("name", "wu.common")
                .param("role", "admin").param("password", "Password@2024").param("confirmation", "Password@2024")),
                "这是常见密码");
        expectError(mvc.perform(post("/admin/users").with(PagesTests.admin()).with(csrf()).param("name", "wu space")
                .param("role", "staff").param("password", "wu-password-1").param("confirmation", "wu-password-1")),
                "用户名须为");
        expectError(mvc.perform(post("/admin/users").with(PagesTests.admin()).with(csrf()).param("name", "wu.boss")
                .param("role", "boss").param("password", "wu-password-1").param("confirmation", "wu-password-1")),
                "角色须为");
        expectError(mvc.perform(post("/admin/users").with(PagesTests.admin()).with(csrf()).param("name", WebFixture.STAFF)
                .param("role", "admin").param("password", "taken-name-1").param("confirmation", "taken-name-1")),
                "已有用户 " + WebFixture.STAFF);
        expectError(mvc.perform(post("/admin/users/" + WebFixture.STAFF + "/password").with(PagesTests.admin()).with(csrf())
                .param("password", "staff-new-pass").param("confirmation", "staff-other-pass")), "两次输入的密码不一致");
        expectError(mvc.perform(post("/admin/users/nobody.here/remove").with(PagesTests.admin()).with(csrf())),
                "没有用户 nobody.here");

        assertThat(accounts.list()).extracting(UserAccount::name).doesNotContain("wu.typo", "wu.short", "wu.weak", "wu.common", "wu space",
                "wu.boss");
        assertThat(stored(WebFixture.STAFF)).map(UserAccount::role).contains(Role.STAFF);
        mvc.perform(formLogin().user(WebFixture.STAFF).password(WebFixture.STAFF_PASSWORD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void keepsAdminsFromRemovingOrDemotingThemselves() throws Exception {
        expectError(mvc.perform(post("/admin/users/" + WebFixture.ADMIN + "/remove").with(PagesTests.admin()).with(csrf())),
                "不能删除自己的账号");
        expectError(mvc.perform(post("/admin/users/" + WebFixture.ADMIN + "/role").with(PagesTests.admin()).with(csrf())
                .param("role", "staff")), "不能取消自己的管理员角色");

        assertThat(stored(WebFixture.ADMIN)).map(UserAccount::role).contains(Role.ADMIN);
    }

    /** Two admins taking each other's role at once cannot leave nobody to manage the users. */
    @Test
    void keepsTheLastAdmin() throws Exception {
        accounts.save("last.admin", Role.ADMIN, "last-admin-pass", "test");
        List<String> others = accounts.list().stream()
                .filter(account -> account.role() == Role.ADMIN && !account.name().equals("last.admin"))
                .map(UserAccount::name).toList();
        others.forEach(name -> accounts.changeRole(name, Role.STAFF, "test"));
        try {
            assertThatThrownBy(() -> accounts.removeUnlessLastAdmin("last.admin", "former.admin"))
                    .hasMessage("last.admin 是最后一位管理员，请先把另一位用户设为管理员");
            assertThatThrownBy(() -> accounts.changeRole("last.admin", Role.STAFF, "former.admin"))
                    .hasMessageContaining("last.admin 是最后一位管理员");

            assertThat(stored("last.admin")).map(UserAccount::role).contains(Role.ADMIN);
        }
        finally {
            others.forEach(name -> accounts.changeRole(name, Role.ADMIN, "test"));
        }
        expectNotice(mvc.perform(post("/admin/users/last.admin/remove").with(PagesTests.admin()).with(csrf())),
                "已删除用户 last.admin");
    }

    Optional<UserAccount> stored(String name) {
        return accounts.list().stream().filter(account -> account.name().equals(name)).findFirst();
    }

    static void expectNotice(ResultActions result, String notice) throws Exception {
        result.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("notice", notice));
    }

    static void expectError(ResultActions result, String error) throws Exception {
        result.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("error", containsString(error)));
    }
}
