package org.provincial.reporting.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionLevel;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.support.SubmissionFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.EXECUTION;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.PERIOD;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.PROVINCE;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.command;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.orphan;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.stopOrphan;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.signal;
import static org.provincial.reporting.crash.CrashRecoveryFunctionalTests.visits;

/**
 * The real command line in a child process whose PostgreSQL stops mid-run: it says what failed and how to resume,
 * without a stack trace, and exits 1; once the database is back the restart completes.
 */
class DatabaseLossFunctionalTests {

    static final int ROWS_PER_FILE = 3_000;

    /** A line of a Java stack trace. */
    static final String STACK_FRAME = "(?m)^\\s+at [\\w.$]+\\(";

    @TempDir
    Path temp;

    Path home;

    @AfterEach
    void leaveNoPostgresRunning() {
        stopOrphan(home);
    }

    @Test
    void tellsWhatFailedAndHowToResumeWhenPostgresqlStopsMidRunAndMidRestart() throws Exception {
        Path source = temp.resolve("source");
        List<Region> counties = RegionReference.load().regionsOf(PROVINCE).stream()
                .filter(region -> region.level() == RegionLevel.COUNTY).toList();
        for (Region county : counties) {
            SubmissionFiles.csv(source.resolve(county.code() + "/" + county.code() + "_visits_" + PERIOD + ".csv"),
                    visits(county.code(), 0, ROWS_PER_FILE));
        }
        home = temp.resolve("home");
        Path out = temp.resolve("out");
        String resume = "Once the database is back, resume it with: java -jar target/provincial-reporting.jar"
                + " restart --province 640000 --period 2025-01";

        CrashRecoveryFunctionalTests.Child run = stopPostgresMidIngest(command("run", "--province", PROVINCE,
                "--period", PERIOD, "--source", source.toString(), "--out", out.toString(), "--home",
                home.toString()));

        assertThat(run.output()).as(run.toString())
                .contains("Run of 640000 2025-01 failed: the database is unreachable (").contains(resume)
                .doesNotContainPattern(STACK_FRAME).doesNotContain("Error: ");

        CrashRecoveryFunctionalTests.Child status = CrashRecoveryFunctionalTests.Child.start(
                command("status", "--home", home.toString()));
        assertThat(status.waitFor()).as(status.toString()).isZero();
        Matcher failed = EXECUTION.matcher(status.output());
        assertThat(failed.find()).as(status.toString()).isTrue();

        CrashRecoveryFunctionalTests.Child restart = stopPostgresMidIngest(command("restart", "--execution",
                failed.group(1), "--source", source.toString(), "--home", home.toString()));

        assertThat(restart.output()).as(restart.toString())
                .contains("Restart of execution " + failed.group(1) + " failed: the database is unreachable (")
                .contains(resume).doesNotContainPattern(STACK_FRAME).doesNotContain("Error: ");

        CrashRecoveryFunctionalTests.Child completed = CrashRecoveryFunctionalTests.Child.start(command("restart",
                "--province", PROVINCE, "--period", PERIOD, "--source", source.toString(), "--home",
                home.toString()));
        assertThat(completed.waitFor()).as(completed.toString()).isZero();
        assertThat(completed.output()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                .contains("files    received " + counties.size() + ", counted " + counties.size() + ", rejected 0")
                .contains("rows     accepted " + counties.size() * ROWS_PER_FILE + ", rejected 0, deduplicated 0");
    }

    /** Runs the command, stops its PostgreSQL (fast shutdown) once a file is ingested, and expects exit status 1. */
    private CrashRecoveryFunctionalTests.Child stopPostgresMidIngest(List<String> command) throws Exception {
        CrashRecoveryFunctionalTests.Child child = CrashRecoveryFunctionalTests.Child.start(
                withShortConnectionTimeout(command));
        assertThat(child.signalWhen(line -> line.contains("  [1/"), process -> orphan(home).ifPresent(
                postgres -> signal("-INT", postgres.pid())))).as("ingest reached in%n%s", child).isTrue();
        assertThat(child.waitFor()).as(child.toString()).isEqualTo(1);
        return child;
    }

    /** The child gives up on the stopped database after 2 s instead of waiting out Hikari's default 30 s. */
    private static List<String> withShortConnectionTimeout(List<String> command) {
        List<String> shorter = new ArrayList<>(command);
        shorter.add(1, "-Dspring.datasource.hikari.connection-timeout=2000");
        return shorter;
    }
}
