package org.provincial.reporting.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.schedule.RunLauncher;
import org.provincial.reporting.security.Role;
import org.provincial.reporting.security.UserAccount;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.sun.net.httpserver.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A person at a browser (headless Chromium from the distribution): signs in as admin, launches the run of the sample
 * submissions (广东省, 2025-01) from the dashboard, confirming it (a first dismissed question launches nothing), watches
 * its page until it completes, and downloads the workbook; removes a user only once the question is accepted.
 * Screenshots of the run page, the dashboard and a rejected file's page go to {@code target/screenshots/}. A clerk
 * walks a day's work (this month, who is missing, a rejected file, its feedback). An admin publishes a run from its
 * page and downloads the published workbook. A page of another origin cannot drive the API through the browser.
 */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    /** The month of 宁夏 published from the pages. */
    static final String PUBLISHED = "2021-09";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PipelineRunner runner;

    @Autowired
    RunHistory history;

    @Autowired
    RunLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    Path temp;

    WebDriver browser;

    @BeforeAll
    void startTheBrowser(@TempDir Path temp) {
        this.temp = temp;
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver from the distribution (apt-get install chromium chromium-driver)");
        WebFixture.prepare(accounts);
        copySamples(Path.of("samples"), WebFixture.source());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + temp.resolve("profile"), "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", temp.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 1000));
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signsInLaunchesARunWatchesItCompleteAndDownloadsTheWorkbook() throws IOException {
        String base = "http://localhost:" + port;
        browser.get(base + "/login");
        browser.manage().deleteAllCookies();
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        signIn(base, WebFixture.ADMIN, WebFixture.ADMIN_PASSWORD);

        String dashboard = base + "/?province=440000&period=2025-01";
        browser.get(dashboard);
        int runsBefore = history.runs("440000", "2025-01", 100).size();
        List<String> messagesBefore = messages();
        browser.findElement(By.id("launch")).click();
        Alert dismissed = waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertThat(dismissed.getText()).isEqualTo("确定立即运行 广东省 2025-01？将重新收取、校验并汇总这个月的报送文件。");
        dismissed.dismiss();
        // dismissed: the form is not sent, the page stays, no run starts
        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard);
        assertThat(messages()).isEqualTo(messagesBefore);
        assertThat(history.runs("440000", "2025-01", 100)).hasSize(runsBefore);

        browser.findElement(By.id("launch")).click();
        Alert question = waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).isEqualTo("确定立即运行 广东省 2025-01？将重新收取、校验并汇总这个月的报送文件。");
        question.accept();

        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/runs/\\d+$"));
        assertThat(history.runs("440000", "2025-01", 100)).as("accepted: one run launched").hasSize(runsBefore + 1);
        waitUpTo(Duration.ofSeconds(180)).until(ExpectedConditions.textToBe(By.id("run-status"), "已完成"));
        assertThat(browser.findElement(By.id("steps")).getText()).contains("收集文件", "读取校验", "去重", "汇总",
                "生成汇总表", "生成反馈");
        screenshot("run.png");

        browser.findElement(By.id("workbook-link")).click();
        Path workbook = temp.resolve("downloads/provincial-totals-440000-2025-01.xlsx");
        WebFixture.await(() -> Files.isRegularFile(workbook), Duration.ofSeconds(30), "the downloaded " + workbook);
        assertThat(Files.readAllBytes(workbook)).startsWith('P', 'K');

        browser.get(base + "/?province=440000&period=2025-01");
        assertThat(browser.findElement(By.id("completeness")).getText()).contains("广州市", "荔湾区", "深圳市");
        browser.manage().window().setSize(new Dimension(1366, 1500));
        screenshot("dashboard.png");
    }

    /**
     * The clerk's day: after the night's run of this month, a staff clerk signs in, picks this month on the dashboard
     * (no file of it had come before the run: the month is offered all the same), sees who is missing, opens the
     * submitter whose file was sent back, reads its rejections by code, and downloads its feedback workbook.
     */
    @Test
    void walksTheClerksDayFromThisMonthToARejectedFilesFeedback() throws IOException {
        String thisMonth = YearMonth.now().toString();
        WebSubmissions.visits(thisMonth);
        WebSubmissions.largeFiles(thisMonth);
        long night = launcher.launch("640000", thisMonth);
        assertThat(WebFixture.awaitEnd(history, night, ApiTests.RUN_TIMEOUT).status()).isEqualTo("COMPLETED");

        String base = "http://localhost:" + port;
        browser.get(base + "/login");
        browser.manage().deleteAllCookies();
        browser.get(base + "/");
        browser.findElement(By.id("username")).sendKeys(WebFixture.STAFF);
        browser.findElement(By.id("password")).sendKeys(WebFixture.STAFF_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("current-user"), WebFixture.STAFF));

        new Select(browser.findElement(By.name("province"))).selectByVisibleText("宁夏回族自治区");
        new Select(browser.findElement(By.name("period"))).selectByValue(thisMonth);
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"),
                "宁夏回族自治区 " + thisMonth + " 报送情况"));
        WebElement missing = browser.findElement(By.xpath("//a[contains(@class, 'tile')][span[text()='永宁县']]"));
        assertThat(missing.getAttribute("class")).contains("missing");
        assertThat(missing.getText()).contains("未报送");
        assertThat(browser.findElement(By.id("missing-export")).getAttribute("href"))
                .endsWith("/missing.csv?province=640000&period=" + thisMonth);

        browser.findElement(By.xpath("//a[contains(@class, 'tile')][span[text()='西夏区']]")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("submitter=640105"));
        assertThat(browser.findElement(By.id("submissions")).getText()).contains("640105_visits_" + thisMonth + ".xlsx",
                "整文件拒收");
        browser.findElement(By.cssSelector("#submissions tr:nth-child(2) td:first-child a")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"),
                "640105_visits_" + thisMonth + ".xlsx"));
        assertThat(browser.findElement(By.id("rejection-codes")).getText()).contains("ID_INVALID", "身份证号错误",
                String.format("%,d", WebSubmissions.MISTYPED_ROWS));
        assertThat(browser.findElements(By.id("original-link"))).isEmpty();
        browser.manage().window().setSize(new Dimension(1366, 1100));
        screenshot("submission.png");

        browser.findElement(By.id("feedback-link")).click();
        Path feedback = temp.resolve("downloads/640105-" + thisMonth + ".xlsx");
        WebFixture.await(() -> Files.isRegularFile(feedback), Duration.ofSeconds(30), "the downloaded " + feedback);
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(feedback))) {
            assertThat(workbook.getNumberOfSheets()).isPositive();
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("说明");
        }
        // signed out: the other tests of this browser start at the sign-in page
        browser.manage().deleteAllCookies();
    }

    /**
     * The admin publishes a run of 宁夏 from its page (a note, the confirmation box, 发布) and downloads the published
     * workbook from the downloads page: the bytes stored as revision 1, marked as published. Staff see no 发布 button.
     */
    @Test
    void publishesARunFromItsPageAndDownloadsThePublishedWorkbook() throws Exception {
        String base = "http://localhost:" + port;
        WebSubmissions.visits(PUBLISHED);
        try {
            signIn(base, WebFixture.ADMIN, WebFixture.ADMIN_PASSWORD);
            browser.get(base + "/?province=640000&period=" + PUBLISHED);
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("本月还没有完成的运行");
            browser.findElement(By.id("launch")).click();
            waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
            waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/runs/\\d+$"));
            String runPage = browser.getCurrentUrl();
            waitUpTo(Duration.ofSeconds(180)).until(ExpectedConditions.textToBe(By.id("run-status"), "已完成"));

            // the confirmation box must be ticked before the browser sends the form (the server checks it too)
            assertThat(browser.findElement(By.id("publish-confirmed")).getDomAttribute("required")).isNotNull();
            browser.findElement(By.id("publish-note")).sendKeys("报全总");
            browser.findElement(By.id("publish-confirmed")).click();
            browser.findElement(By.id("publish")).click();
            waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.className("notice"), "已发布 640000 " + PUBLISHED + " 修订版 1"));
            screenshot("run-published.png");

            browser.get(base + "/downloads?province=640000&period=" + PUBLISHED);
            assertThat(browser.findElement(By.id("revisions")).getText()).contains(WebFixture.ADMIN, "报全总");
            browser.findElement(By.id("published-link")).click();
            Path workbook = temp.resolve("downloads/provincial-totals-640000-" + PUBLISHED + ".xlsx");
            WebFixture.await(() -> Files.isRegularFile(workbook), Duration.ofSeconds(30), "the downloaded " + workbook);
            byte[] bytes = Files.readAllBytes(workbook);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(jdbc.queryForObject("select sha256 from publication where province = '640000'"
                            + " and period = ? and revision = 1", String.class, PUBLISHED));
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
                assertThat(book.getSheet("汇总").getRow(0).getCell(4).getStringCellValue())
                        .startsWith("已发布：修订版 1，").endsWith("由 " + WebFixture.ADMIN + " 发布；说明：报全总");
            }

            signIn(base, WebFixture.STAFF, WebFixture.STAFF_PASSWORD);
            browser.get(runPage);
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("已发布 修订版 1");
            assertThat(browser.findElements(By.id("publish"))).isEmpty();
        }
        finally {
            browser.manage().deleteAllCookies();
        }
    }

    /**
     * A page of another origin (another loopback port) posts a form to the API's restart while the browser holds
     * the admin's Basic credentials (sent with every request, as a browser does once it has asked for them): the
     * API refuses it, and the failed run is not restarted.
     */
    @Test
    void refusesAnApiCallPostedFromAPageOfAnotherOrigin() throws Exception {
        String unreachable = "ftp://" + FtpTestServer.USER + ":"
                + URLEncoder.encode(FtpTestServer.PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:"
                + ApiTests.closedPort() + "/";
        long failed = runner.start("640000", "2023-05", List.of(SourceLocation.parse(unreachable)),
                WebFixture.source().resolveSibling("web-test-out"), 0.5);
        assertThat(WebFixture.awaitEnd(history, failed, ApiTests.RUN_TIMEOUT).status()).isEqualTo("FAILED");
        String attack = """
                <!DOCTYPE html><html><body>
                <form id="attack" method="post" enctype="text/plain" action="http://localhost:%d/api/runs/%d/restart">
                <input type="hidden" name='{"restart":"' value='yes"}'></form>
                <script>document.getElementById('attack').submit();</script>
                </body></html>""".formatted(port, failed);
        HttpServer otherSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otherSite.createContext("/", exchange -> {
            byte[] page = attack.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((WebFixture.ADMIN + ":" + WebFixture.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))));
        try {
            browser.get("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/");

            waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/api/runs/" + failed + "/restart"));
            waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                    "不接受来自其他网站"));
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"status\":403");
            assertThat(history.runs("640000", "2023-05", 10)).extracting(RunRecord::id).containsExactly(failed);
        }
        finally {
            chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
            otherSite.stop(0);
        }
    }

    /** Signs in afresh (any earlier session dropped). */
    private void signIn(String base, String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("current-user"), user));
    }

    /**
     * 删除 asks first (a dialog from static/js/confirm.js, as the Content-Security-Policy allows no inline script):
     * dismissing it leaves the user, accepting it removes the user.
     */
    @Test
    void asksBeforeRemovingAUserAndRemovesOnlyWhenAccepted() {
        String base = "http://localhost:" + port;
        accounts.save("confirm.victim", Role.STAFF, "Gx7#kq2Lm9vW-victim", "test");
        signIn(base, WebFixture.ADMIN, WebFixture.ADMIN_PASSWORD);
        browser.get(base + "/admin/users");
        By remove = By.xpath("//form[contains(@action, '/admin/users/confirm.victim/remove')]/button");

        browser.findElement(remove).click();
        Alert question = waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).isEqualTo("确定删除用户 confirm.victim？删除后无法恢复，该用户的会话和接口令牌立即失效。");
        question.dismiss();
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/admin/users");
        assertThat(browser.findElements(By.cssSelector("p.notice"))).isEmpty();
        assertThat(accounts.list()).extracting(UserAccount::name).contains("confirm.victim");

        browser.findElement(remove).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("p.notice"), "已删除用户 confirm.victim"));
        assertThat(accounts.list()).extracting(UserAccount::name).doesNotContain("confirm.victim");
        assertThat(browser.findElements(remove)).isEmpty();
    }

    /** The notices and errors the page shows (a form that was sent comes back with its own). */
    private List<String> messages() {
        return browser.findElements(By.cssSelector("p.notice, p.error")).stream().map(WebElement::getText).toList();
    }

    private WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(200));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The README's sample submissions, as a local source lays them out (feedback directories left out). */
    private static void copySamples(Path samples, Path target) {
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(samples.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
