package org.provincial.reporting.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.security.Role;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The gaps an attacker found (issue 17): stale rights in old sessions, the API driven from another site, password
 * guessing, weak passwords, and the hardening of headers, cookies and redirects. Each test signs in for real.
 */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    RunHistory history;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @BeforeAll
    void addUsers() {
        WebFixture.prepare(accounts);
    }

    MockHttpSession signIn(String name, String password, String address) throws Exception {
        return signIn(mvc, name, password, address);
    }

    /** Signs in through the form from the address, returning the session. */
    static MockHttpSession signIn(MockMvc mvc, String name, String password, String address) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").with(csrf()).with(from(address))
                        .param("username", name).param("password", password))
                .andExpect(redirectedUrl("/"))
                .andReturn().getRequest().getSession(false);
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void signsOutARemovedUserAtTheNextRequest() throws Exception {
        accounts.save("gone.admin", Role.ADMIN, "gone-admin-pass", "test");
        MockHttpSession session = signIn("gone.admin", "gone-admin-pass", "10.17.1.1");
        mvc.perform(get("/admin/users").session(session)).andExpect(status().isOk());

        accounts.remove("gone.admin", "test");

        mvc.perform(get("/admin/users").session(session)).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/runs").session(session).with(csrf()).param("province", "640000").param("period", "2023-09"))
                .andExpect(redirectedUrl("/login"));
        assertThat(history.runs("640000", "2023-09", 10)).isEmpty();
    }

    @Test
    void appliesADemotionAtTheNextRequest() throws Exception {
        accounts.save("demoted.admin", Role.ADMIN, "demoted-admin-pass", "test");
        MockHttpSession session = signIn("demoted.admin", "demoted-admin-pass", "10.17.1.2");
        mvc.perform(get("/admin/users").session(session)).andExpect(status().isOk());

        accounts.changeRole("demoted.admin", Role.STAFF, "test");

        mvc.perform(get("/admin/users").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/users").session(session).with(csrf()).param("name", "made.by.demoted")
                .param("role", "admin").param("password", "made-by-demoted").param("confirmation", "made-by-demoted"))
                .andExpect(status().isForbidden());
        assertThat(accounts.list()).noneMatch(account -> account.name().equals("made.by.demoted"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/admin/users"))));
    }

    @Test
    void endsTheOtherSessionsWhenThePasswordChanges() throws Exception {
        accounts.save("two.desks", Role.ADMIN, "two-desks-first", "test");
        MockHttpSession office = signIn("two.desks", "two-desks-first", "10.17.1.3");
        MockHttpSession home = signIn("two.desks", "two-desks-first", "10.17.1.4");

        mvc.perform(post("/admin/users/two.desks/password").session(office).with(csrf())
                        .param("password", "two-desks-second").param("confirmation", "two-desks-second"))
                .andExpect(redirectedUrl("/admin/users"));

        mvc.perform(get("/admin/users").session(office)).andExpect(status().isOk());
        mvc.perform(get("/admin/users").session(home)).andExpect(redirectedUrl("/login"));

        accounts.changePassword("two.desks", "two-desks-third", "test");

        mvc.perform(get("/").session(office)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void refusesStateChangingApiCallsThatAreNotJsonOrComeFromAnotherSite() throws Exception {
        RequestPostProcessor admin = httpBasic(WebFixture.ADMIN, WebFixture.ADMIN_PASSWORD);

        // every state-changing call of the API, as a cross-site form would send it: refused before it acts
        for (String path : List.of("/api/runs", "/api/runs/987654/restart", "/api/runs/987654/stop",
                "/api/publications")) {
            mvc.perform(post(path).with(admin).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .content("province=640000&period=2023-08&executionId=1"))
                    .andExpect(status().isUnsupportedMediaType());
        }
        assertThat(history.runs("640000", "2023-08", 10)).isEmpty();
        mvc.perform(post("/api/runs/987654/stop").with(admin))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(startsWith("修改数据的接口请求须以 JSON 发送")));
        mvc.perform(post("/api/runs/987654/restart").with(admin).contentType(MediaType.APPLICATION_FORM_URLENCODED))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(post("/api/runs/987654/restart").with(admin).contentType(MediaType.TEXT_PLAIN).content("{}"))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(post("/api/runs/987654/stop").with(admin).contentType(MediaType.APPLICATION_JSON)
                        .header("Origin", "http://127.0.0.1:9"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(startsWith("不接受来自其他网站")));
        mvc.perform(post("/api/runs/987654/stop").with(admin).contentType(MediaType.APPLICATION_JSON)
                        .header("Sec-Fetch-Site", "same-site"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/runs").with(admin).header("Sec-Fetch-Site", "cross-site"))
                .andExpect(status().isForbidden());

        mvc.perform(post("/api/runs/987654/stop").with(admin).contentType(MediaType.APPLICATION_JSON)
                        .header("Origin", "http://localhost").header("Sec-Fetch-Site", "same-origin"))
                .andExpect(status().isNotFound());
    }

    @Test
    void offersBrowsersNoBasicChallenge() throws Exception {
        mvc.perform(get("/api/runs").header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Site", "none"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"provincial-reporting\""));
        mvc.perform(get("/api/runs").header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", not(containsString("Basic"))));
        mvc.perform(get("/api/runs").header("User-Agent", "curl/8.5.0"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic realm=\"provincial-reporting\"")));
    }

    /** 40 guesses in a row: the password is checked a handful of times, then the account waits. */
    @Test
    void locksAnAccountAfterRepeatedWrongPasswordsAndAuditsEachFailure() throws Exception {
        accounts.save("guessed.staff", Role.STAFF, "guessed-staff-pass", "test");
        String last = null;
        for (int i = 0; i < 40; i++) {
            last = mvc.perform(post("/login").with(csrf()).with(from("10.17.2." + (i % 200 + 1)))
                    .param("username", "guessed.staff").param("password", "guess-" + i))
                    .andReturn().getResponse().getRedirectedUrl();
        }

        assertThat(last).matches("/login\\?locked=\\d+");
        List<String> failures = jdbc.queryForList(
                "select detail from audit_event where actor = 'guessed.staff' and action = 'login.failure' order by id",
                String.class);
        assertThat(failures).hasSizeBetween(4, 7).first().asString().startsWith("来自 10.17.2.");
        assertThat(failures.get(3)).endsWith("，暂停登录 1 秒");

        // once the lock ends, one more wrong password locks the account for at least 2 s: time for two requests
        Thread.sleep(Long.parseLong(last.replaceAll("\\D", "")) * 1000 + 100);
        mvc.perform(post("/login").with(csrf()).with(from("10.17.2.249"))
                .param("username", "guessed.staff").param("password", "one-more-guess"));
        String lockedUrl = mvc.perform(post("/login").with(csrf()).with(from("10.17.2.250"))
                        .param("username", "guessed.staff").param("password", "guessed-staff-pass"))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get("/api/runs").with(httpBasic("guessed.staff", "guessed-staff-pass")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.detail").value(startsWith("登录失败次数过多")));
        assertThat(lockedUrl).as("the right password while locked").startsWith("/login?locked=");
        mvc.perform(get(lockedUrl)).andExpect(content().string(containsString("登录失败次数过多，已暂停登录，请 ")));
        mvc.perform(get("/audit").with(PagesTests.staff())).andExpect(content().string(containsString("登录失败")));
    }

    @Test
    void locksAnAddressThatGuessesManyAccounts() throws Exception {
        for (int i = 0; i < 11; i++) {
            mvc.perform(post("/login").with(csrf()).with(from("10.17.3.1"))
                    .param("username", "sprayed." + i).param("password", "spray-password-" + i))
                    .andExpect(redirectedUrl("/login?error"));
        }

        mvc.perform(post("/login").with(csrf()).with(from("10.17.3.1"))
                        .param("username", WebFixture.STAFF).param("password", WebFixture.STAFF_PASSWORD))
                .andExpect(redirectedUrl("/login?locked=1"));
        signIn(WebFixture.STAFF, WebFixture.STAFF_PASSWORD, "10.17.3.2");
    }

    @Test
    void sendsTheHardeningHeadersAndALaxSessionCookie() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/runs")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> behindTls = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/login")).header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(login, api)) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("same-origin");
        }
        assertThat(login.body()).doesNotContain("<script>", " style=\"", " onclick=");
        assertThat(login.headers().firstValue("Set-Cookie")).get().asString()
                .contains("JSESSIONID=", "HttpOnly", "SameSite=Lax").doesNotContain("Secure");
        assertThat(behindTls.headers().firstValue("Set-Cookie")).get().asString().contains("Secure", "SameSite=Lax");
    }

    /**
     * The Content-Security-Policy allows no inline script or style: no template holds any (a script without src, a
     * style element or attribute, an event handler attribute, a javascript: URL), and signed-in pages send it too.
     */
    @Test
    void keepsEveryTemplateFreeOfInlineScriptAndStyle() throws Exception {
        Pattern inline = Pattern.compile("<script\\b(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\s(?:th:)?style=|\\s(?:th:)?on[a-z]+="
                + "|javascript:", Pattern.CASE_INSENSITIVE);
        List<String> found = new ArrayList<>();
        try (var templates = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.sorted().toList()) {
                Matcher match = inline.matcher(Files.readString(template).replaceAll("(?s)<!--.*?-->", ""));
                while (match.find()) {
                    found.add(template.getFileName() + ": " + match.group());
                }
            }
        }
        assertThat(found).isEmpty();
        assertThat(inline.matcher("<script th:src=\"@{/js/confirm.js}\" defer></script>").find()).isFalse();
        assertThat(inline.matcher("<script>alert(1)</script> <a onclick=\"x()\">").results()).hasSize(2);

        for (String page : List.of("/", "/runs", "/submissions", "/account")) {
            mvc.perform(get(page).with(PagesTests.staff())).andExpect(status().isOk())
                    .andExpect(header().string("Content-Security-Policy", allOf(containsString("script-src 'self'"),
                            containsString("style-src 'self'"), not(containsString("unsafe-inline")))))
                    .andExpect(header().string("Referrer-Policy", "same-origin"))
                    .andExpect(content().string(not(containsString("<script>"))));
        }
    }

    @Test
    void neverRedirectsToTheHostTheRequestNamed() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /runs HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(response).startsWith("HTTP/1.1 302").containsIgnoringCase("\r\nLocation: /login\r\n")
                    .doesNotContain("evil.example");
        }
    }

    @Test
    void showsHealthDetailsOnlyToSignedInUsers() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(httpBasic(WebFixture.STAFF, WebFixture.STAFF_PASSWORD)))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
    }
}
