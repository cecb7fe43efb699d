package org.provincial.reporting.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.cli.ReportingCli;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionLevel;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.support.DataSheets;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.SubmissionFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real command line in a child process, killed (SIGKILL) or stopped (SIGTERM) mid-run, or its PostgreSQL
 * stopped or killed under it, then recovered.
 */
class CrashRecoveryFunctionalTests {

    static final String PROVINCE = "640000";
    static final String PERIOD = "2025-01";
    static final int ROWS_PER_FILE = 8_000;
    static final String[] CATEGORIES = { "困难职工", "快递员", "劳动模范", "一线职工" };
    static final Pattern EXECUTION = Pattern.compile("(?m)^(\\d+)\\s+640000\\s+2025-01\\s+(\\w+)");

    @TempDir
    static Path shared;

    static Path source;
    static int files;
    static List<List<String>> reference;

    @TempDir
    Path temp;

    final List<Path> homes = new ArrayList<>();

    @BeforeAll
    static void generateSubmissionsAndRunUninterrupted() throws Exception {
        source = shared.resolve("source");
        RegionReference regions = RegionReference.load();
        List<Region> counties = regions.regionsOf(PROVINCE).stream()
                .filter(region -> region.level() == RegionLevel.COUNTY).toList();
        for (Region county : counties) {
            SubmissionFiles.csv(source.resolve(county.code() + "/" + county.code() + "_visits_" + PERIOD + ".csv"),
                    visits(county.code(), 0, ROWS_PER_FILE));
            files++;
        }
        // 银川市 re-reports the first thousand visits of 兴庆区 (one with another amount: a conflict)
        List<List<?>> city = new ArrayList<>(visits("640104", 0, 1_000));
        List<Object> changed = new ArrayList<>(city.get(1));
        changed.set(5, "999.00");
        city.set(1, changed);
        SubmissionFiles.csv(source.resolve("640100/640100_visits_" + PERIOD + ".csv"), city);
        files++;

        Path home = shared.resolve("reference-home");
        Path out = shared.resolve("reference-out");
        Child run = Child.start(run(home, out));
        assertThat(run.waitFor()).as(run.toString()).isZero();
        reference = dataSheet(out);
        assertThat(reference).hasSizeGreaterThan(100);
        assertThat(orphan(home)).as("PostgreSQL of the reference run").isEmpty();
    }

    @AfterEach
    void leaveNoPostgresRunning() {
        List<Long> orphans = new ArrayList<>();
        for (Path home : homes) {
            stopOrphan(home).ifPresent(orphans::add);
        }
        assertThat(orphans).as("PostgreSQL servers left running").isEmpty();
    }

    @Test
    void recoversRunsKilledWithSigkillInEveryStepToTheUninterruptedFigures() throws Exception {
        Path home = home();
        Path out = temp.resolve("out");

        // 1. killed while receiving files; status shows it left running, and stops the PostgreSQL it left behind
        ProcessHandle orphan = killWhen(run(home, out), line -> line.contains(" Received ") && line.contains(".csv"),
                home);
        Child status = Child.start(command("status", "--home", home.toString()));
        assertThat(status.waitFor()).as(status.toString()).isZero();
        assertThat(orphan.isAlive()).as("the orphaned PostgreSQL is stopped").isFalse();
        Matcher dead = EXECUTION.matcher(status.output());
        assertThat(dead.find()).as(status.toString()).isTrue();
        assertThat(dead.group(2)).as("the killed execution, left running").isEqualTo("STARTED");

        // 2. its restart, killed after the third file is ingested
        orphan = killWhen(command("restart", "--execution", dead.group(1), "--source", source.toString(), "--home",
                home.toString()), line -> line.contains("  [3/"), home);

        // 3. a new run, which recovers the dead restart, killed once deduplicated
        orphan = killWhen(run(home, out), line -> line.contains("Deduplicated:"), home, orphan);

        // 4. the restart of the latest unfinished execution, killed once aggregated
        orphan = killWhen(command("restart", "--province", PROVINCE, "--period", PERIOD, "--source",
                source.toString(), "--home", home.toString()), line -> line.contains("Aggregated "), home, orphan);

        // 5. the next restart, killed once the workbook is written: while it writes the feedback
        orphan = killWhen(command("restart", "--province", PROVINCE, "--period", PERIOD, "--source",
                source.toString(), "--home", home.toString()), line -> line.contains("Wrote ")
                        && line.contains("provincial-totals-"), home, orphan);

        // 6. and a restart that completes
        Child last = Child.start(command("restart", "--province", PROVINCE, "--period", PERIOD, "--source",
                source.toString(), "--home", home.toString()));
        assertThat(last.waitFor()).as(last.toString()).isZero();
        assertThat(orphan.isAlive()).isFalse();
        assertThat(last.output()).containsPattern("Run \\d+ of 640000 2025-01: COMPLETED")
                .contains("was left running by a process that died; recovering it");

        assertThat(dataSheet(out)).isEqualTo(reference);
        assertRegisteredOnceAndArchived(home, 2);
    }

    @Test
    void stopsOnSigtermAndRestartsToTheUninterruptedFigures() throws Exception {
        Path home = home();
        Path out = temp.resolve("out");

        Child stopped = Child.start(run(home, out));
        assertThat(stopped.signalWhen(line -> line.contains("  [2/"), Child::terminate))
                .as("ingest reached in%n%s", stopped).isTrue();
        assertThat(stopped.process.waitFor(60, TimeUnit.SECONDS)).as("exits on SIGTERM: %s", stopped).isTrue();
        stopped.waitFor();
        assertThat(orphan(home)).as("PostgreSQL stopped with the JVM").isEmpty();

        Child status = Child.start(command("status", "--home", home.toString()));
        assertThat(status.waitFor()).as(status.toString()).isZero();
        Matcher last = EXECUTION.matcher(status.output());
        assertThat(last.find()).as(status.toString()).isTrue();
        assertThat(last.group(2)).as(status + "\n" + stopped).isIn("STOPPED", "FAILED");
        if (last.group(2).equals("STOPPED")) {
            assertThat(stopped.output()).containsPattern("Run 1 was stopped in step '\\w+'");
        }

        Child restart = Child.start(command("restart", "--province", PROVINCE, "--period", PERIOD, "--source",
                source.toString(), "--home", home.toString()));
        assertThat(restart.waitFor()).as(restart.toString()).isZero();
        assertThat(dataSheet(out)).isEqualTo(reference);
        assertRegisteredOnceAndArchived(home, 1);
    }

    @Test
    void failsWhenPostgresqlStopsMidRunAndRestartsToTheUninterruptedFigures() throws Exception {
        Path home = home();
        Path out = temp.resolve("out");

        Child failed = Child.start(run(home, out));
        assertThat(failed.signalWhen(line -> line.contains("  [2/"), process -> orphan(home).ifPresent(
                postgres -> signal("-INT", postgres.pid())))).as("ingest reached in%n%s", failed).isTrue();

        assertThat(failed.waitFor()).as(failed.toString()).isNotZero();
        assertThat(orphan(home)).isEmpty();

        Child restart = Child.start(command("restart", "--province", PROVINCE, "--period", PERIOD, "--source",
                source.toString(), "--home", home.toString()));
        assertThat(restart.waitFor()).as(restart + "\n" + failed).isZero();
        assertThat(dataSheet(out)).isEqualTo(reference);
        assertRegisteredOnceAndArchived(home, 1);
    }

    @Test
    void restagesFromTheArchiveWhatPostgresqlLostWhenKilledMidIngestAndMidDeduplication() throws Exception {
        Path home = home();
        Path out = temp.resolve("out");
        List<String> restart = command("restart", "--province", PROVINCE, "--period", PERIOD, "--source",
                source.toString(), "--home", home.toString());

        // 1. PostgreSQL killed as a crash kills it (SIGKILL of the postmaster) once the third file is ingested
        List<ProcessHandle> killed = new ArrayList<>();
        Child ingesting = Child.start(run(home, out));
        assertThat(ingesting.signalWhen(line -> line.contains("  [3/"), process -> killed.addAll(killPostgres(home))))
                .as("ingest reached in%n%s", ingesting).isTrue();
        assertThat(ingesting.waitFor()).as(ingesting.toString()).isNotZero();
        awaitExit(killed);
        Staged afterIngestCrash = staged(home);
        assertThat(afterIngestCrash.rows()).as("staged rows after the crash recovery (unlogged tables)").isZero();
        assertThat(afterIngestCrash.submissions()).as("submissions ingested before the crash, of %d", files)
                .isBetween(3, files - 1);

        // 2. its restart ingests the rest, stages again what was lost, and PostgreSQL is killed while deduplicating:
        //    this test holds a lock the deduplication waits for, and kills the server once it waits
        Child deduplicating = Child.start(restart);
        awaitLine(deduplicating, line -> line.contains("  [1/"));
        killed.clear();
        try (Connection blocker = connect(home); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("lock table deduplicated_row in share mode");
            awaitLine(deduplicating, line -> line.contains("Staged " + afterIngestCrash.submissions()
                    + " submission(s) of 640000 [2025-01] again"));
            awaitLockWait(statement, deduplicating);
            killed.addAll(killPostgres(home));
        }
        catch (SQLException e) {
            // the connection died with the server
        }
        assertThat(deduplicating.waitFor()).as(deduplicating.toString()).isNotZero();
        awaitExit(killed);
        Staged afterDedupCrash = staged(home);
        assertThat(afterDedupCrash.rows()).as("staged rows after the crash recovery (unlogged tables)").isZero();
        assertThat(afterDedupCrash.submissions()).as("every file ingested").isEqualTo(files);
        assertThat(afterDedupCrash.lastStep()).as("the step PostgreSQL died in").isEqualTo("deduplicate STARTED");

        // 3. the next restart stages every file again and completes with the uninterrupted figures
        Child last = Child.start(restart);
        assertThat(last.waitFor()).as(last.toString()).isZero();
        assertThat(last.output()).contains("Staged " + files + " submission(s) of 640000 [2025-01] again")
                .containsPattern("Run \\d+ of 640000 2025-01: COMPLETED");
        assertThat(dataSheet(out)).isEqualTo(reference);
        assertRegisteredOnceAndArchived(home, 1);
    }

    /** What a home's PostgreSQL holds after a crash: the submissions that staged rows, the rows, the last step. */
    private record Staged(int submissions, long rows, String lastStep) {
    }

    private static Staged staged(Path home) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(home.resolve("pgdata"))
                .setCleanDataDirectory(false).start();
                Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        select (select count(*) from submission where rows_staged > 0),
                               (select count(*) from stage_visits),
                               (select step_name || ' ' || status from batch_step_execution
                                where step_name not like '%:%' -- a step's partitions (deduplicate:partition0) run within it
                                order by step_execution_id desc limit 1)""")) {
            rs.next();
            return new Staged(rs.getInt(1), rs.getLong(2), rs.getString(3));
        }
    }

    /**
     * Kills the home's PostgreSQL as a crash does: SIGKILL of the postmaster alone. Returns its processes, which
     * exit once they notice it gone.
     */
    private static List<ProcessHandle> killPostgres(Path home) {
        ProcessHandle postmaster = orphan(home).orElseThrow(() -> new AssertionError("no PostgreSQL on " + home));
        List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
        processes.add(postmaster);
        signal("-KILL", postmaster.pid());
        return processes;
    }

    private static void awaitExit(List<ProcessHandle> processes) {
        processes.forEach(process -> process.onExit().orTimeout(60, TimeUnit.SECONDS).join());
    }

    /** A connection to the PostgreSQL a child runs on the home, at the port its postmaster.pid gives. */
    private static Connection connect(Path home) throws Exception {
        String port = Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(3).trim();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
    }

    /** Waits until the child prints a line that matches. */
    private static void awaitLine(Child child, Predicate<String> line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (child.output().lines().noneMatch(line)) {
            if (!child.process.isAlive()) {
                child.drained.get(30, TimeUnit.SECONDS);
                assertThat(child.output().lines().anyMatch(line)).as("the expected line in%n%s", child).isTrue();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the expected line never came:\n" + child);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until a session of the child waits for the lock this test holds on deduplicated_row. */
    private static void awaitLockWait(Statement statement, Child child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            // the statement's transaction holds the lock: within a transaction pg_stat_activity is read once and kept,
            // so each look discards that snapshot (the deduplication waits only once its partitions are done)
            statement.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = statement.executeQuery("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like '%deduplicated_row%'""")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deduplication never waited for the lock:\n" + child);
    }

    @Test
    void startsAfterAPowerCutWhosePidFileNamesAnotherProgram() throws Exception {
        Path home = shared.resolve("reference-home");
        homes.add(home);
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            // a power cut leaves postmaster.pid; after the reboot its pid is some other program's
            Files.writeString(home.resolve("pgdata/postmaster.pid"), unrelated.pid() + "\n"
                    + home.resolve("pgdata") + "\n1764140000\n5432\n/tmp\n127.0.0.1\n 0 0\nready   \n");

            Child status = Child.start(command("status", "--home", home.toString()));

            assertThat(status.waitFor()).as(status.toString()).isZero();
            assertThat(status.output()).containsPattern("(?m)^1\\s+640000\\s+2025-01\\s+COMPLETED");
            assertThat(unrelated.isAlive()).as("the program that has the pid now").isTrue();
        }
        finally {
            unrelated.destroyForcibly();
        }
    }

    /**
     * Runs the command and kills it (SIGKILL) at the first line that matches; checks that the PostgreSQL an earlier
     * kill left was stopped when the command started, and returns the one this kill leaves.
     */
    private static ProcessHandle killWhen(List<String> command, Predicate<String> line, Path home,
            ProcessHandle... earlierOrphans) throws Exception {
        Child child = Child.start(command);
        assertThat(child.killWhen(line)).as("the kill point reached in%n%s", child).isTrue();
        for (ProcessHandle earlier : earlierOrphans) {
            assertThat(earlier.isAlive()).as("PostgreSQL left by the previous kill").isFalse();
        }
        if (earlierOrphans.length > 0) {
            assertThat(child.output()).contains("was left running by a process that died; recovering it");
        }
        return orphan(home).orElseThrow(() -> new AssertionError("PostgreSQL died with the JVM:\n" + child));
    }

    private Path home() {
        Path home = temp.resolve("home");
        homes.add(home);
        return home;
    }

    /**
     * Every file of the source registered once (the run after a new {@code run} finds them all already there), its
     * copy in the archive, and every counted submission counted once.
     */
    private static void assertRegisteredOnceAndArchived(Path home, int executions) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(home.resolve("pgdata"))
                .setCleanDataDirectory(false).start();
                Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            List<String> archived = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            try (ResultSet rs = statement.executeQuery("""
                    select receipt_key, sha256, file_name, archive_path, status, counted from submission""")) {
                while (rs.next()) {
                    assertThat(keys.add(rs.getString(1))).as("receipt %s registered once", rs.getString(1)).isTrue();
                    assertThat(home.resolve(rs.getString(4))).as("archive of %s", rs.getString(3)).isRegularFile();
                    assertThat(rs.getString(5)).as(rs.getString(3)).isEqualTo("ACCEPTED");
                    assertThat(rs.getBoolean(6)).as(rs.getString(3)).isTrue();
                    archived.add(rs.getString(2) + " " + rs.getString(3));
                }
            }
            assertThat(archived).as("one submission per file").hasSize(files).doesNotHaveDuplicates();
            try (ResultSet rs = statement.executeQuery("""
                    select count(*), count(distinct job_instance_id) from batch_job_execution""")) {
                rs.next();
                assertThat(rs.getInt(2)).as("job instances").isEqualTo(executions);
            }
        }
        assertThat(orphan(home)).isEmpty();
    }

    /** Stops the PostgreSQL a killed run left on the home, if any, and returns its pid. */
    static Optional<Long> stopOrphan(Path home) {
        return orphan(home).map(process -> {
            process.destroy();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            return process.pid();
        });
    }

    /** The live server a home's postmaster.pid names, if any. */
    static Optional<ProcessHandle> orphan(Path home) {
        Path pidFile = home.resolve("pgdata/postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
        }
        catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> run(Path home, Path out) {
        return command("run", "--province", PROVINCE, "--period", PERIOD, "--source", source.toString(), "--out",
                out.toString(), "--home", home.toString());
    }

    static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dfile.encoding=UTF-8",
                "-Dreporting.collect.stable-after=250ms", "-Dreporting.collect.poll-delay=200ms",
                "-cp", System.getProperty("java.class.path"), ReportingCli.class.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Visits by {@code count} people of the region, from the {@code first}th on. */
    static List<List<?>> visits(String region, int first, int count) {
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）"));
        for (int i = first; i < first + count; i++) {
            String person = Ids.residentId(region, LocalDate.of(1960, 1, 1).plusDays(i / 1000), i % 1000);
            rows.add(List.of(region, person, "职工" + i, CATEGORIES[i % CATEGORIES.length],
                    LocalDate.of(2025, 1, 1 + i % 28).toString(), (100 + i % 900) + "." + (i % 100 < 10 ? "0" : "")
                            + (i % 100)));
        }
        return rows;
    }

    static List<List<String>> dataSheet(Path out) throws IOException {
        return DataSheets.read(out.resolve("provincial-totals-640000-2025-01.xlsx"));
    }

    /** The command line in a child JVM, its stdout and stderr read as they come. */
    static final class Child {

        final List<String> command;
        final Process process;
        final StringBuffer output = new StringBuffer();
        final CompletableFuture<Void> drained;
        volatile Predicate<String> trigger = line -> false;
        volatile java.util.function.Consumer<Process> action = process -> { };
        final CompletableFuture<Boolean> triggered = new CompletableFuture<>();
        final long started = System.nanoTime();

        private Child(List<String> command) throws IOException {
            this.command = command;
            this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
            this.drained = CompletableFuture.runAsync(this::drain);
        }

        static Child start(List<String> command) throws IOException {
            return new Child(command);
        }

        private void drain() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    if (!triggered.isDone() && trigger.test(line)) {
                        action.accept(process);
                        triggered.complete(true);
                    }
                }
            }
            catch (IOException e) {
                output.append(e).append('\n');
            }
            finally {
                triggered.complete(false);
                System.out.printf("=== %.1f s: %s%n", (System.nanoTime() - started) / 1e9, this);
            }
        }

        /** Kills the JVM with SIGKILL when a line matches; whether it did. */
        boolean killWhen(Predicate<String> line) throws Exception {
            boolean killed = signalWhen(line, Process::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
            drained.get(30, TimeUnit.SECONDS);
            return killed;
        }

        /** SIGTERM, as {@code kill} sends it; Process.destroy would also close the streams being read. */
        static void terminate(Process process) {
            signal("-TERM", process.pid());
        }

        boolean signalWhen(Predicate<String> line, java.util.function.Consumer<Process> signal) throws Exception {
            // the output so far may hold the line already
            synchronized (this) {
                action = signal;
                trigger = line;
            }
            if (Stream.of(output.toString().split("\n")).anyMatch(line)) {
                signal.accept(process);
                triggered.complete(true);
            }
            return triggered.get(5, TimeUnit.MINUTES);
        }

        int waitFor() throws Exception {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s ends", this).isTrue();
            drained.get(30, TimeUnit.SECONDS);
            return process.exitValue();
        }

        String output() {
            return output.toString();
        }

        @Override
        public String toString() {
            return String.join(" ", command.subList(command.indexOf(ReportingCli.class.getName()),
                    command.size())) + "\n--- output\n" + output;
        }
    }
}
