package org.provincial.reporting.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Refreshes the planner's statistics of tables whose content a step has just changed much (ANALYZE), so that the
 * next statements join and group them with plans that fit. It runs on a connection of its own, outside the caller's
 * transaction: statistics are no part of the data, and the lock ANALYZE takes must not be held to the step's end.
 */
@Component
public class TableStatistics {

    private final DataSource dataSource;

    TableStatistics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void refresh(Collection<String> tables) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("analyze " + String.join(", ", tables));
        }
        catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot analyze " + tables + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refreshes the statistics of {@code tables} once the caller's transaction, which has written them, has committed
     * (ANALYZE on another connection sees only committed rows).
     */
    public void refreshAfterCommit(Collection<String> tables) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                refresh(tables);
            }
        });
    }
}
