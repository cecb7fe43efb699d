package org.provincial.reporting.crash;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.support.FtpTestServer;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.SubmissionFiles;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.command;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.stopOrphan;

/**
 * Thousands of small files at once, half in a local directory and half on a real FTP server: the real command
 * line (384 MiB heap) registers each once, counts the latest version of each submitter, and completes.
 */
class ManySmallFilesFunctionalTests {

    static final String PROVINCE = "440000";
    static final String PERIOD = "2025-01";
    static final int FILES = 3_000;
    static final int ROWS_PER_FILE = 2;

    @TempDir
    Path temp;

    Path home;

    /** This JVM has no Spring logging set-up: the server would log every FTP command of thousands of transfers. */
    @BeforeAll
    static void quietTheFtpServer() {
        ((Logger) LoggerFactory.getLogger("org.apache.ftpserver")).setLevel(Level.ERROR);
    }

    @AfterEach
    void leaveNoPostgresRunning() {
        stopOrphan(home);
    }

    @Test
    void registersEachOfThousandsOfSmallFilesOnceAndCompletes() throws Exception {
        Path local = temp.resolve("local");
        Path remote = temp.resolve("ftp");
        List<Region> submitters = RegionReference.load().expectedSubmitters(PROVINCE);
        int versions = (FILES + submitters.size() - 1) / submitters.size();
        for (int s = 0; s < submitters.size(); s++) {
            String code = submitters.get(s).code();
            for (int version = 1; version <= versions; version++) {
                SubmissionFiles.csv((s % 2 == 0 ? local : remote).resolve(code + "/" + code + "_visits_" + PERIOD
                        + "_v" + version + ".csv"), visits(code, version));
            }
        }
        int files = submitters.size() * versions;
        home = temp.resolve("home");

        try (FtpTestServer ftp = FtpTestServer.start(remote)) {
            List<String> run = command("run", "--province", PROVINCE, "--period", PERIOD,
                    "--source", local.toString(), "--source", ftp.url(), "--out", temp.resolve("out").toString(),
                    "--home", home.toString());
            long started = System.nanoTime();
            CrashRecoveryFunctionalTests.Child child = CrashRecoveryFunctionalTests.Child.start(run);
            int exit = child.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;

            String output = child.output();
            System.out.printf("%d files (%d submitters, %d versions each) in %.1f s; collected at %s%n", files,
                    submitters.size(), versions, seconds, output.lines()
                            .filter(line -> line.contains("Collected ") || line.contains("Deduplicated:"))
                            .toList());
            assertThat(exit).as(child.toString()).isZero();
            assertThat(output).contains("Collected " + files + " new file(s) {RECEIVED=" + files + "}")
                    .containsPattern("Run \\d+ of 440000 2025-01: COMPLETED")
                    .contains("files    received " + files + ", counted " + submitters.size() + ", rejected 0")
                    .contains("rows     accepted " + submitters.size() * ROWS_PER_FILE
                            + ", rejected 0, deduplicated 0")
                    .contains("missing submitters 0 of " + submitters.size())
                    .doesNotContain(FtpTestServer.PASSWORD);
        }
    }

    /** A small visits file of the region, its people differing from version to version. */
    private static List<List<?>> visits(String region, int version) {
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额（元）"));
        for (int i = 0; i < ROWS_PER_FILE; i++) {
            rows.add(List.of(region, Ids.residentId(region, LocalDate.of(1970, 1, version), i), "困难职工",
                    "2025-01-" + (10 + i), "500.00"));
        }
        return rows;
    }
}
