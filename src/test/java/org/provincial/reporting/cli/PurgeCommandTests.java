package org.provincial.reporting.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.cli.CommandLineFunctionalTests.Invocation;
import org.provincial.reporting.support.ClearTextScan;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.SubmissionFiles;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.HEADER_VISITS;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.P1;
import static org.provincial.reporting.cli.CommandLineFunctionalTests.P2;
import static org.provincial.reporting.support.Ids.withWrongCheckCharacter;
import static org.provincial.reporting.support.SubmissionFiles.rows;

/** {@code purge} on the command line: a dry run lists, a purge removes and prints what, a purged period stays shut. */
@ExtendWith(OutputCaptureExtension.class)
class PurgeCommandTests {

    /** Long over by any retention: its month ended years before these tests were written. */
    static final String OLD_PERIOD = "2019-01";

    @BeforeAll
    static void shortenCollectionTimings() {
        CommandLineFunctionalTests.shortenCollectionTimings();
    }

    @AfterAll
    static void restoreCollectionTimings() {
        CommandLineFunctionalTests.restoreCollectionTimings();
    }

    @Test
    void listsInADryRunThenPurgesAnExpiredPeriodAndRefusesToRunItAgain(@TempDir Path temp, CapturedOutput output)
            throws Exception {
        Path source = temp.resolve("source");
        Path home = temp.resolve("home");
        Path file = SubmissionFiles.csv(source.resolve("640104/640104_visits_2019-01.csv"), rows(
                HEADER_VISITS,
                "640104," + P1 + ",张三,困难职工,2019-01-10,500.00",
                "640104," + P2 + ",李四,快递员,2019-01-11,300.50",
                "640104," + withWrongCheckCharacter(P2) + ",王五,劳动模范,2019-01-12,100.00"));
        String[] run = { "run", "--province", CommandLineFunctionalTests.PROVINCE, "--period", OLD_PERIOD,
                "--source", source.toString(), "--out", temp.resolve("out").toString(), "--home", home.toString() };
        Invocation first = Invocation.of(output, run);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(archived(home)).hasSize(1);

        Invocation off = Invocation.of(output, "purge", "--home", home.toString());

        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(off.out()).contains("Retention is off (reporting.retention.months=0): nothing is purged");

        Invocation dryRun = Invocation.of(output, "purge", "--months", "12", "--dry-run", "--home", home.toString());

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).containsPattern("Retention 12 month\\(s\\): periods that ended before \\d{4}-\\d{2}-\\d{2}"
                        + " expire \\(dry run: nothing is changed\\)")
                .contains("would purge 640000 2019-01: 1 submission(s), 3 staged row(s), 0 deduplicated row(s), "
                        + "0 conflict(s), 1 archived original(s) (" + Files.size(file) + " bytes)");
        assertThat(archived(home)).hasSize(1);

        Invocation purge = Invocation.of(output, "purge", "--months", "12", "--home", home.toString());

        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertThat(purge.out())
                .contains("purged 640000 2019-01: 1 submission(s), 3 staged row(s), 0 deduplicated row(s), "
                        + "0 conflict(s), 1 archived original(s) (" + Files.size(file) + " bytes)")
                .contains("deleted 1 archived original(s) (" + Files.size(file) + " bytes)");
        assertThat(archived(home)).isEmpty();

        Invocation again = Invocation.of(output, run);

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.err()).contains("640000 2019-01 已于")
                .contains("按保留期限清理：原始文件和暂存数据已删除，重新运行会改变已发布的汇总数");

        Invocation nothing = Invocation.of(output, "purge", "--months", "12", "--home", home.toString());

        assertThat(nothing.exitCode()).as(nothing.toString()).isZero();
        assertThat(nothing.out()).contains("Nothing to purge.").contains("deleted 0 archived original(s) (0 bytes)");
    }

    @Test
    void deletesTheAnnotatedCopyOnTheFtpServerOnceGivenItsPassword(@TempDir Path temp, CapturedOutput output) {
        Path home = temp.resolve("home");
        Path out = temp.resolve("out");
        String copy = "640104-2019-01-640104_visits_2019-01-批注.xlsx";
        String bad = withWrongCheckCharacter(P2);
        try (FtpTestServer ftp = FtpTestServer.start(temp.resolve("ftp"))) {
            ftp.put(SubmissionFiles.xlsx(temp.resolve("files/640104_visits_2019-01.xlsx"), null, List.of(
                    List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）"),
                    List.of("640104", P1, "张三", "困难职工", "2019-01-10", 500),
                    List.of("640104", bad, "王五", "劳模", "2019-01-12", 100))), "640104");
            Invocation run = Invocation.of(output, "run", "--province", CommandLineFunctionalTests.PROVINCE,
                    "--period", OLD_PERIOD, "--source", ftp.url(), "--out", out.toString(), "--home", home.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            Path onServer = ftp.root().resolve("640104/feedback/" + copy);
            assertThat(onServer).isRegularFile();
            String location = "ftp://" + FtpTestServer.USER + ":***@127.0.0.1:" + ftp.port() + "/640104/feedback/" + copy;

            // a new process knows no password: the copy on the server is left pending, the others go
            Invocation purge = Invocation.of(output, "purge", "--months", "12", "--home", home.toString());

            assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(1);
            assertThat(purge.out()).contains(", 3 annotated copy(ies)")
                    .contains("deleted 2 annotated copy(ies) of purged originals")
                    .contains("PENDING: 1 annotated copy(ies) could not be deleted; the next purge tries again:")
                    .contains("  " + location + ": 本进程不知道 ftp://" + FtpTestServer.USER + ":***@127.0.0.1:"
                            + ftp.port() + "/ 的密码：请用 --source 再给出这个来源")
                    .doesNotContain(FtpTestServer.PASSWORD);
            assertThat(out.resolve("feedback/" + copy)).doesNotExist();
            assertThat(home.resolve("feedback/2019-01/" + copy)).doesNotExist();
            assertThat(onServer).isRegularFile();

            Invocation retried = Invocation.of(output, "purge", "--months", "12", "--source", ftp.url(), "--home",
                    home.toString());

            assertThat(retried.exitCode()).as(retried.toString()).isZero();
            assertThat(retried.out()).contains("Nothing to purge.")
                    .contains("deleted 1 annotated copy(ies) of purged originals", "  " + location)
                    .doesNotContain("PENDING");
            assertThat(onServer).doesNotExist();
            assertThat(ftp.root().resolve("640104/feedback/640104-2019-01.xlsx")).as("the masked feedback stays")
                    .isRegularFile();
            assertThat(ClearTextScan.find(List.of(P1, bad), home, out, ftp.root().resolve("640104/feedback"))).isEmpty();
        }
    }

    @Test
    void rejectsARetentionOfLessThanAMonthWithoutStarting(@TempDir Path temp, CapturedOutput output) {
        Path home = temp.resolve("home");

        Invocation invocation = Invocation.of(output, "purge", "--months", "0", "--home", home.toString());

        assertThat(invocation.exitCode()).as(invocation.toString()).isEqualTo(2);
        assertThat(invocation.err()).contains("--months must be at least 1").contains("Usage: provincial-reporting");
        assertThat(home).doesNotExist();
    }

    /** The archived originals under the home. */
    private static List<Path> archived(Path home) throws Exception {
        if (!Files.isDirectory(home.resolve("archive"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(home.resolve("archive"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
