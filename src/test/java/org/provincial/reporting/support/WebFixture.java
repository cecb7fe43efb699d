package org.provincial.reporting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.security.Role;
import org.provincial.reporting.security.UserAccounts;

import org.springframework.util.FileSystemUtils;

/** Users, the source directory and waiting for runs, for the tests of {@link WebTest}. */
public final class WebFixture {

    /** The local directory every run of the web tests collects from. */
    public static final String SOURCE = "target/web-test-source";

    public static final String ADMIN = "wang.admin";
    public static final String STAFF = "li.staff";
    public static final String ADMIN_PASSWORD = "admin-pass-123";
    public static final String STAFF_PASSWORD = "staff-pass-456";

    private static boolean sourceEmptied;

    private WebFixture() {
    }

    /**
     * Adds (or resets) the admin and the staff user, and makes sure the source directory exists, emptied of what
     * an earlier test JVM left there (its database is gone, its files would be received again).
     */
    public static synchronized void prepare(UserAccounts accounts) {
        accounts.save(ADMIN, Role.ADMIN, ADMIN_PASSWORD, "test");
        accounts.save(STAFF, Role.STAFF, STAFF_PASSWORD, "test");
        try {
            if (!sourceEmptied) {
                FileSystemUtils.deleteRecursively(source());
                sourceEmptied = true;
            }
            Files.createDirectories(source());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path source() {
        return Path.of(SOURCE).toAbsolutePath();
    }

    /** Waits until the execution is no longer running and returns it. */
    public static RunRecord awaitEnd(RunHistory history, long execution, Duration timeout) {
        await(() -> history.find(execution).map(run -> !run.running()).orElse(false), timeout,
                "the end of execution " + execution);
        return history.find(execution).orElseThrow();
    }

    /** Polls the condition every 100 ms until it holds, failing after the timeout. */
    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        await(condition, timeout, () -> what);
    }

    /** Polls the condition every 100 ms until it holds, failing after the timeout with what was awaited, told late. */
    public static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what.get(), e);
            }
        }
    }
}
