package org.provincial.reporting.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A PostgreSQL advisory lock on one province and period, held on its own connection for the length of a run:
 * at most one execution per province and period at a time, also across processes sharing the database.
 * Whoever holds it knows that an execution still marked as running elsewhere is dead.
 */
final class PeriodLock implements AutoCloseable {

    private final Connection connection;
    private final String key;

    private PeriodLock(Connection connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    static PeriodLock acquire(DataSource dataSource, String province, String period) {
        String key = ProvincialTotalsJobConfiguration.JOB_NAME + ":" + province + ":" + period;
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                statement.setString(1, key);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        connection.close();
                        throw new IllegalStateException("A run of " + province + " " + period
                                + " is already in progress in another process; wait for it to end.");
                    }
                }
            }
            return new PeriodLock(connection, key);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot lock " + province + " " + period + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (connection; PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
            statement.setString(1, key);
            statement.execute();
        }
        catch (SQLException e) {
            // closing the connection releases the lock all the same
        }
    }
}
