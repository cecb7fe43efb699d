package org.provincial.reporting.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL advisory lock on one province and period, held on its own connection for the length of a run (or of
 * a purge or a publication of the period):
 * at most one execution per province and period at a time, also across processes sharing the database.
 * Whoever holds it knows that an execution still marked as running elsewhere is dead.
 */
public final class PeriodLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeriodLock.class);

    /** The lock's keys begin with the job's name, {@code provincialTotals}, as they did when the job held them. */
    private static final String KEY_PREFIX = "provincialTotals";

    private final DataSource dataSource;
    private final Connection connection;
    private final String key;
    private final AtomicBoolean released = new AtomicBoolean();

    private PeriodLock(DataSource dataSource, Connection connection, String key) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.key = key;
    }

    public static PeriodLock acquire(DataSource dataSource, String province, String period) {
        String key = KEY_PREFIX + ":" + province + ":" + period;
        boolean locked = false;
        Connection connection;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                statement.setString(1, key);
                try (ResultSet result = statement.executeQuery()) {
                    locked = result.next() && result.getBoolean(1);
                }
            }
            finally {
                if (!locked) {
                    connection.close();
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot lock " + province + " " + period + ": " + e.getMessage(), e);
        }
        if (!locked) {
            throw new RunInProgressException(province, period);
        }
        return new PeriodLock(dataSource, connection, key);
    }

    /**
     * The province and period's lock, waiting up to {@code wait} for a run that is just ending: a run's final status
     * is stored before its lock is released, so whoever saw it fail and restarts it at once may find the lock still
     * held.
     */
    public static PeriodLock acquire(DataSource dataSource, String province, String period, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return acquire(dataSource, province, period);
            }
            catch (IllegalStateException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                try {
                    Thread.sleep(100);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /**
     * Releases the lock. The connection goes back to a pool, which keeps its session open: should the unlock fail,
     * the connection is evicted from the pool, closing its session, since a pooled session still holding the lock
     * would refuse every later run of the province and period. Closing it again does nothing.
     */
    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
            statement.setString(1, key);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next() || !result.getBoolean(1)) {
                    throw new SQLException("the lock was not held by its session");
                }
            }
            connection.close();
        }
        catch (SQLException e) {
            log.warn("Could not release the lock {} ({}); closing its database session", key, e.getMessage());
            evict();
        }
    }

    private void evict() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
            else {
                connection.abort(Runnable::run);
                connection.close();
            }
        }
        catch (SQLException ignored) {
            // the session is gone already, and the lock with it
        }
    }
}
