package org.provincial.reporting.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 17, finding 7: no page, flash message, error page or API message shows English meant for people. Every page
 * is rendered as admin and as staff over a completed run and a run whose collection failed (an FTP server that
 * refuses connections), the forms are sent wrong on purpose, and the API's errors and run messages are read. What is
 * left after markup, code, identifiers and the tokens listed in {@link #ALLOWED} must hold no run of two or more
 * English words.
 */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChineseTextTests {

    static final String COMPLETED_PERIOD = "2023-06";
    static final String FAILED_PERIOD = "2023-07";

    /**
     * What may stay in Latin letters, as whole tokens: product and standard names, HTTP and format words shown as
     * such, units. Everything else in Latin letters must be a single word between Chinese text (a code, a name).
     */
    static final List<String> ALLOWED = List.of(
            "GB/T 2260", "HTTP Basic", "Authorization: Bearer", "Content-Type: application/json",
            "application/problem+json", "application/json", "multipart/form-data", "RFC 9457", "OpenAPI", "JSON",
            "Retry-After", "SHA-256", "PROT P", "UTC+08:00", "MiB", "KiB", "GiB", "xlsx", "xls", "csv", "SFTP", "FTPS", "FTP",
            "known_hosts", "provincial-reporting");

    /** URLs, file names, paths, user names, and codes such as NAME_INVALID or person_visits: identifiers, not prose. */
    static final Pattern IDENTIFIER = Pattern.compile(
            "\\b(?:s?ftps?|https?|file)://\\S+"
                    + "|\\S+\\.(?:csv|xlsx|xls|yaml|json|txt|png)\\b"
                    + "|(?<![\\w/])/[\\w./{}-]+"
                    + "|\\b[\\w-]+(?:[._][\\w-]+)+\\b"
                    + "|\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b"
                    + "|\\bprt_\\S*");

    /** Two or more English words in a row, separated by spaces or punctuation but no Chinese. */
    static final Pattern ENGLISH_RUN = Pattern.compile(
            "\\b[A-Za-z][A-Za-z']*(?:[\\s,;:()\\-\"'“”]+[A-Za-z][A-Za-z']*)+\\b");

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

    long completed;

    long failed;

    long submission;

    final List<String> findings = new ArrayList<>();

    @BeforeAll
    void runOnceWellAndOnceAgainstARefusingServer() throws Exception {
        WebFixture.prepare(accounts);
        WebSubmissions.visits(COMPLETED_PERIOD);
        MvcResult launched = mvc.perform(post("/runs").with(PagesTests.admin()).with(csrf())
                .param("province", "640000").param("period", COMPLETED_PERIOD)).andReturn();
        completed = Long.parseLong(launched.getResponse().getRedirectedUrl().replace("/runs/", ""));
        assertThat(WebFixture.awaitEnd(history, completed, Duration.ofSeconds(120)).status()).isEqualTo("COMPLETED");
        submission = jdbc.queryForObject("select id from submission where file_name = ?", Long.class,
                "640104_visits_" + COMPLETED_PERIOD + ".csv");

        String refusing = "ftp://" + FtpTestServer.USER + ":"
                + URLEncoder.encode(FtpTestServer.PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:"
                + ApiTests.closedPort() + "/";
        failed = runner.start("640000", FAILED_PERIOD, List.of(SourceLocation.parse(refusing)),
                Files.createTempDirectory("chinese-text-out"), 0.5);
        assertThat(WebFixture.awaitEnd(history, failed, ApiTests.RUN_TIMEOUT).status()).isEqualTo("FAILED");
    }

    @BeforeEach
    void noFindingsYet() {
        findings.clear();
    }

    @Test
    void pagesShowNoEnglishToAdminsOrStaff() throws Exception {
        List<String> pages = List.of("/", "/?province=640000&period=" + COMPLETED_PERIOD,
                "/?province=640000&period=" + FAILED_PERIOD, "/runs", "/runs?province=640000",
                "/runs/" + completed, "/runs/" + failed, "/submissions",
                "/submissions?province=640000&period=" + COMPLETED_PERIOD + "&status=ACCEPTED",
                "/submissions/" + submission, "/downloads", "/downloads?province=640000&period=" + COMPLETED_PERIOD,
                "/sources", "/audit", "/api-docs", "/retention", "/account",
                "/figures/sources?province=640000&from=" + COMPLETED_PERIOD + "&measure=visits/person_visits&region=640104");
        for (String page : pages) {
            page(page, PagesTests.admin());
            page(page, PagesTests.staff());
        }
        page("/admin/users", PagesTests.admin());
        html("/login", mvc.perform(get("/login")).andReturn());
        html("/login?error", mvc.perform(get("/login?error")).andReturn());
        html("/login?locked=30", mvc.perform(get("/login?locked=30")).andReturn());
        html("/login?logout", mvc.perform(get("/login?logout")).andReturn());
        for (int status : new int[] { 400, 403, 404, 405, 409, 500, 503 }) {
            MvcResult error = mvc.perform(get("/error").with(PagesTests.staff())
                    .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
                    .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/runs/987654")
                    .accept(MediaType.TEXT_HTML)).andReturn();
            assertThat(error.getResponse().getContentAsString()).as("error page %d", status)
                    .contains("<h1>" + status + " ");
            html("error page " + status, error);
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void formsAnswerInChinese() throws Exception {
        String me = WebFixture.ADMIN;
        List<MockHttpServletRequestBuilder> forms = List.of(
                post("/runs").param("province", "640100").param("period", "2023-06"),
                post("/runs").param("province", "640000").param("period", "2023-13"),
                post("/runs/" + completed + "/restart"), post("/runs/" + completed + "/stop"),
                post("/runs/" + failed + "/upload-feedback"),
                post("/admin/users").param("name", "张 三").param("role", "staff")
                        .param("password", "long-enough-pw-1").param("confirmation", "long-enough-pw-1"),
                post("/admin/users").param("name", "text.tester").param("role", "staff")
                        .param("password", "password123").param("confirmation", "password123"),
                post("/admin/users").param("name", "text.tester").param("role", "boss")
                        .param("password", "Gx7#kq2Lm9vW").param("confirmation", "Gx7#kq2Lm9vW"),
                post("/admin/users").param("name", "text.tester").param("role", "staff")
                        .param("password", "Gx7#kq2Lm9vW").param("confirmation", "other"),
                post("/admin/users").param("name", "text.tester").param("role", "staff")
                        .param("password", "Gx7#kq2Lm9vW").param("confirmation", "Gx7#kq2Lm9vW"),
                post("/admin/users").param("name", "text.tester").param("role", "staff")
                        .param("password", "Gx7#kq2Lm9vW").param("confirmation", "Gx7#kq2Lm9vW"),
                post("/admin/users/text.tester/role").param("role", "admin"),
                post("/admin/users/text.tester/password").param("password", "12345678")
                        .param("confirmation", "12345678"),
                post("/admin/users/text.tester/remove"),
                post("/admin/users/nobody.here/remove"),
                post("/admin/users/" + me + "/remove"),
                post("/admin/users/" + me + "/role").param("role", "staff"),
                post("/account/password").param("current", "wrong").param("password", "Gx7#kq2Lm9vW")
                        .param("confirmation", "Gx7#kq2Lm9vW"),
                post("/account/tokens").param("label", ""),
                post("/account/tokens").param("label", "每日下载脚本"),
                post("/account/tokens/987654/revoke"));
        for (MockHttpServletRequestBuilder form : forms) {
            MvcResult result = mvc.perform(form.with(PagesTests.admin()).with(csrf())).andReturn();
            String where = result.getRequest().getMethod() + " " + result.getRequest().getRequestURI();
            assertThat(result.getResponse().getStatus()).as(where).isEqualTo(302);
            for (String kind : List.of("notice", "error")) {
                Object text = result.getFlashMap().get(kind);
                if (text != null) {
                    check(where + " " + kind, text.toString());
                }
            }
            assertThat(result.getFlashMap().keySet()).as(where).containsAnyOf("notice", "error");
        }
        page("/audit", PagesTests.admin());
        String audit = mvc.perform(get("/audit").with(PagesTests.staff())).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        for (String action : List.of("run.launch", "run.restart", "run.stop", "feedback.upload", "user.add",
                "user.role", "user.password", "user.remove", "token.create", "token.revoke")) {
            assertThat(audit).as("the action %s named in Chinese", action).doesNotContain(">" + action + "<");
        }
        assertThat(audit).contains("上传待上传的反馈", "删除用户", "修改角色", "新建接口令牌");
        assertThat(findings).isEmpty();
    }

    @Test
    void apiErrorsAndRunMessagesAreChinese() throws Exception {
        List<AbstractMockHttpServletRequestBuilder<?>> requests = List.of(
                post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"province\":"),
                multipart("/api/runs").file(new MockMultipartFile("file", "a.xlsx", null, new byte[] { 1 })),
                post("/api/runs").contentType(MediaType.TEXT_PLAIN).content("{}"),
                get("/api/runs?period=2025-13"), get("/api/submissions?period=2025-13"), get("/api/runs/abc"),
                get("/api/runs/987654"), get("/api/workbooks/640000/2019-12"), get("/api/feedback/640104/2019-12"),
                get("/api/no-such-thing"), get("/api/runs/987654/stop"), post("/api/runs/987654/restart")
                        .contentType(MediaType.APPLICATION_JSON),
                post("/api/runs/" + completed + "/restart").contentType(MediaType.APPLICATION_JSON),
                post("/api/runs/" + completed + "/stop").contentType(MediaType.APPLICATION_JSON),
                post("/api/runs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"province\":\"640100\",\"period\":\"2024-01\"}"),
                get("/api/totals/640000?from=2023-13&to=2023-06"), get("/api/checks/640000/2023-13"),
                post("/api/publications").contentType(MediaType.APPLICATION_JSON).content("{}"),
                get("/api/runs").header("Origin", "http://127.0.0.1:1"));
        for (AbstractMockHttpServletRequestBuilder<?> request : requests) {
            MvcResult result = mvc.perform(request.with(ApiTests.admin())).andReturn();
            String where = result.getRequest().getMethod() + " " + result.getRequest().getRequestURI();
            assertThat(result.getResponse().getStatus()).as(where).isGreaterThanOrEqualTo(400);
            json(where, result.getResponse().getContentAsString(StandardCharsets.UTF_8), "title", "detail");
        }
        for (RequestPostProcessor who : List.of(ApiTests.staff(), (RequestPostProcessor) request -> request)) {
            MvcResult result = mvc.perform(post("/api/runs/" + failed + "/stop").with(who)
                    .contentType(MediaType.APPLICATION_JSON)).andReturn();
            json("forbidden or signed out", result.getResponse().getContentAsString(StandardCharsets.UTF_8),
                    "title", "detail");
        }
        MvcResult runs = mvc.perform(get("/api/runs?province=640000").with(ApiTests.staff())).andReturn();
        String body = runs.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("\"id\":" + failed);
        json("/api/runs", body, "message");
        assertThat(findings).isEmpty();
    }

    @Test
    void bothBundlesHoldTheSameChineseTexts() throws Exception {
        Path resources = Path.of("src/main/resources");
        assertThat(Files.readString(resources.resolve("messages.properties")))
                .isEqualTo(Files.readString(resources.resolve("messages_zh_CN.properties")));
    }

    /**
     * The pages' own texts come from the bundle ({@code #{…}}, {@code [[#{…}]]}): no template holds Chinese outside its
     * comments, the prototype text of elements whose content is replaced ({@code th:text}, {@code sec:authentication})
     * and map keys that are data ({@code warningCounts['高']}).
     */
    @Test
    void templatesTakeTheirChineseTextsFromTheBundle() throws Exception {
        String tag = "<(?:[^>\"']|\"[^\"]*\"|'[^']*')*";
        Pattern prototype = Pattern.compile("(" + tag + "\\b(?:th:u?text|sec:authentication)=\"[^\"]*\"(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)[^<]*");
        List<String> chinese = new ArrayList<>();
        try (var templates = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.sorted().toList()) {
                String text = Files.readString(template).replaceAll("(?s)<!--.*?-->", "");
                text = prototype.matcher(text).replaceAll("$1").replaceAll("\\['[^']*'\\]", "[]");
                Matcher han = Pattern.compile("\\p{IsHan}+").matcher(text);
                while (han.find()) {
                    chinese.add(template.getFileName() + ": " + han.group());
                }
            }
        }
        assertThat(chinese).isEmpty();
    }

    /**
     * The Chinese that the web and security code and the launcher put on pages and in API answers comes from the bundle
     * ({@code MessageSourceAccessor}), also the missing-submitters export, the units of the figures panel, the group name
     * 省直辖, the audit details of publishing and the published workbook's mark: no string literal of theirs holds Chinese.
     */
    @Test
    void javaOfThePagesAndTheApiTakesItsChineseFromTheBundle() throws Exception {
        Path code = Path.of("src/main/java/org/provincial/reporting");
        Pattern chineseLiteral = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\\p{IsHan}(?:[^\"\\\\\n]|\\\\.)*\"");
        List<String> literals = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(code.resolve("schedule/RunLauncher.java"),
                code.resolve("publish/Publications.java")));
        for (String directory : List.of("web", "security")) {
            try (var listed = Files.list(code.resolve(directory))) {
                listed.filter(file -> file.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        for (Path file : files) {
            String name = code.relativize(file).toString().replace('\\', '/');
            String text = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
            Matcher literal = chineseLiteral.matcher(text);
            while (literal.find()) {
                literals.add(name + ": " + literal.group());
            }
        }
        assertThat(literals).isEmpty();
    }

    @Test
    void findsEnglishWhereThereIsSome() {
        assertThat(english("无法收取：Connection refused")).containsExactly("Connection refused");
        assertThat(english("运行 12 Cannot collect from ftp://u:***@127.0.0.1:21/: 连接被拒绝"))
                .containsExactly("Cannot collect from");
        assertThat(english("请用 HTTP Basic 或 Authorization: Bearer 令牌；文件 640104_visits_2023-06.csv 的"
                + " NAME_INVALID，person_visits 共 3 MiB，wang.admin 的 GB/T 2260 代码")).isEmpty();
    }

    private void page(String path, RequestPostProcessor who) throws Exception {
        MvcResult result = mvc.perform(get(path).with(who)).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        html(path, result);
    }

    private void html(String where, MvcResult result) throws Exception {
        String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        Matcher attributes = Pattern.compile("\\s(?:title|placeholder|alt|aria-label|data-confirm)=\"([^\"]*)\"")
                .matcher(html);
        while (attributes.find()) {
            text.append(attributes.group(1)).append('\n');
        }
        text.append(html.replaceAll("(?is)<(script|style|code|pre|svg)\\b.*?</\\1>", " ").replaceAll("(?s)<[^>]*>", "\n"));
        check(where, HtmlUtils.htmlUnescape(text.toString()));
    }

    /** The string values of the fields, wherever they are in the JSON. */
    private void json(String where, String body, String... fields) {
        for (String field : fields) {
            Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
            while (value.find()) {
                check(where + " " + field, value.group(1).replace("\\\"", "\"").replace("\\n", "\n"));
            }
        }
    }

    private void check(String where, String text) {
        english(text).forEach(run -> findings.add(where + ": “" + run + "” in: " + context(text, run)));
    }

    static List<String> english(String text) {
        String left = IDENTIFIER.matcher(text).replaceAll(" ");
        for (String allowed : ALLOWED) {
            left = left.replace(allowed, " ");
        }
        List<String> runs = new ArrayList<>();
        Matcher run = ENGLISH_RUN.matcher(left);
        while (run.find()) {
            runs.add(run.group());
        }
        return runs;
    }

    private static String context(String text, String run) {
        int at = text.indexOf(run.split("\\s")[0]);
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + run.length() + 60))
                .replaceAll("\\s+", " ");
    }
}
