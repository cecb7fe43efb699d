package org.provincial.reporting.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ReportingTest
class UserAccountsTests {

    @Autowired
    UserAccounts accounts;

    @Autowired
    UserDetailsService users;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void storesOnlyABcryptHashAndChangesAnExistingUser() {
        assertThat(accounts.save("hash.check", Role.STAFF, "first-password", "tester")).isTrue();
        String hash = jdbc.queryForObject("select password_hash from app_user where name = 'hash.check'", String.class);

        assertThat(hash).startsWith("$2").doesNotContain("first-password");
        assertThat(new BCryptPasswordEncoder().matches("first-password", hash)).isTrue();

        assertThat(accounts.save("hash.check", Role.ADMIN, "second-password", "tester")).isFalse();

        UserDetails details = users.loadUserByUsername("hash.check");
        assertThat(new BCryptPasswordEncoder().matches("second-password", details.getPassword())).isTrue();
        assertThat(details.getAuthorities()).map(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_STAFF");
        assertThat(accounts.list()).anyMatch(user -> user.name().equals("hash.check") && user.role() == Role.ADMIN);
    }

    @Test
    void removesAUserAndAuditsEveryChange() {
        accounts.save("leaving.soon", Role.STAFF, "some-password", "tester");

        assertThat(accounts.remove("leaving.soon", "tester")).isTrue();
        assertThat(accounts.remove("leaving.soon", "tester")).isFalse();

        assertThatThrownBy(() -> users.loadUserByUsername("leaving.soon")).isInstanceOf(UsernameNotFoundException.class);
        List<String> audited = jdbc.queryForList(
                "select action || ' ' || detail from audit_event where actor = 'tester'", String.class);
        assertThat(audited).contains("user.add leaving.soon（工作人员）");
        assertThat(audited).filteredOn("user.remove leaving.soon"::equals).hasSize(1);
    }

    @Test
    void addsOnlyNewUsersAndChangesRolesAndPasswordsOneAtATime() {
        assertThat(accounts.add("only.new", Role.STAFF, "first-password", "tester")).isTrue();
        assertThat(accounts.add("only.new", Role.ADMIN, "other-password", "tester")).isFalse();
        assertThat(new BCryptPasswordEncoder().matches("first-password",
                users.loadUserByUsername("only.new").getPassword())).isTrue();

        assertThat(accounts.changeRole("only.new", Role.ADMIN, "tester")).isTrue();
        assertThat(accounts.changeRole("only.new", Role.ADMIN, "tester")).isTrue();
        assertThat(accounts.changePassword("only.new", "second-password", "tester")).isTrue();
        assertThatThrownBy(() -> accounts.changePassword("only.new", "short", "tester"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("至少需要 12 个字符");
        assertThat(accounts.changeRole("no.such.user", Role.STAFF, "tester")).isFalse();
        assertThat(accounts.changePassword("no.such.user", "long-enough-1", "tester")).isFalse();

        UserDetails details = users.loadUserByUsername("only.new");
        assertThat(new BCryptPasswordEncoder().matches("second-password", details.getPassword())).isTrue();
        assertThat(details.getAuthorities()).map(GrantedAuthority::getAuthority).contains("ROLE_ADMIN");
        accounts.save("peer.of.only.new", Role.ADMIN, "peer-password", "tester");
        assertThat(accounts.removeUnlessLastAdmin("only.new", "tester")).isTrue();
        assertThat(jdbc.queryForList("select action || ' ' || detail from audit_event where detail like 'only.new%'"
                + " order by id", String.class)).containsExactly("user.add only.new（工作人员）",
                "user.role only.new（工作人员 → 管理员）", "user.password only.new", "user.remove only.new");
    }

    @Test
    void refusesUnusableNamesAndShortPasswords() {
        assertThatThrownBy(() -> accounts.save("a b", Role.STAFF, "long-enough-1", "tester"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.save("short.one", Role.STAFF, "1234567", "tester"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("至少需要 12 个字符");
        assertThat(Role.of(" Admin ")).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> Role.of("root")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("角色须为 admin（管理员）或 staff（工作人员），而不是“root”");
    }
}
