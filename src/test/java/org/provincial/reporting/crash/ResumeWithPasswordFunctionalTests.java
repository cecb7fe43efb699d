package org.provincial.reporting.crash;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.SubmissionFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.Child;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.command;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.stopOrphan;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.visits;

/**
 * A run from an FTP server with a password, killed (SIGKILL) during ingest: the restart without the password refuses
 * to start and prints how to give it; the restart as printed (password filled in) completes and uploads every
 * submitter's feedback.
 */
class ResumeWithPasswordFunctionalTests {

    static final List<String> SUBMITTERS = List.of("640104", "640105", "640106", "640121", "640122");

    @TempDir
    Path temp;

    Path home;

    @AfterEach
    void leaveNoPostgresRunning() {
        assertThat(stopOrphan(home)).as("PostgreSQL left running").isEmpty();
    }

    @Test
    void refusesARestartWithoutThePasswordAndDeliversEveryFeedbackWhenResumedAsPrinted() throws Exception {
        home = temp.resolve("home");
        Path out = temp.resolve("out");
        try (FtpTestServer ftp = FtpTestServer.start(temp.resolve("ftp"))) {
            for (String code : SUBMITTERS) {
                SubmissionFiles.csv(ftp.root().resolve(code + "/" + code + "_visits_2025-01.csv"),
                        visits(code, 0, 4_000));
            }
            Child killed = Child.start(command("run", "--province", "640000", "--period", "2025-01", "--source",
                    ftp.url(), "--out", out.toString(), "--home", home.toString()));
            assertThat(killed.killWhen(line -> line.contains("  [1/"))).as("killed during ingest:%n%s", killed)
                    .isTrue();

            Child refused = Child.start(command("restart", "--province", "640000", "--period", "2025-01", "--home",
                    home.toString()));

            assertThat(refused.waitFor()).as(refused.toString()).isEqualTo(2);
            String masked = "ftp://collector:***@127.0.0.1:" + ftp.port() + "/";
            assertThat(refused.output()).contains("Restarting execution 1 needs the password of " + masked
                    + ", which this process was not given")
                    .contains("or run the command in a terminal, which asks for it.");
            Matcher printed = Pattern.compile("--source '([^']+)'").matcher(refused.output());
            assertThat(printed.find()).as(refused.toString()).isTrue();
            assertThat(printed.group(1)).isEqualTo("ftp://collector:PASSWORD@127.0.0.1:" + ftp.port() + "/");

            List<String> resume = new ArrayList<>(List.of("restart", "--province", "640000", "--period", "2025-01",
                    "--source", printed.group(1).replace("PASSWORD",
                            URLEncoder.encode(FtpTestServer.PASSWORD, StandardCharsets.UTF_8)),
                    "--home", home.toString()));
            Child resumed = Child.start(command(resume.toArray(String[]::new)));

            assertThat(resumed.waitFor()).as(resumed.toString()).isZero();
            assertThat(resumed.output()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                    .contains("  feedback uploads failed: 0")
                    .contains("  left for a later run: 0");
            for (String code : SUBMITTERS) {
                assertThat(ftp.root().resolve(code + "/feedback/" + code + "-2025-01.xlsx")).as(code)
                        .isNotEmptyFile();
            }
        }
    }
}
