package org.provincial.reporting.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.ColumnType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Migration 11.1, after V11 added the masked columns: databases from before it hold resident IDs in clear. Hashes them
 * in place with the configured key (so that later runs deduplicate and count them together with new submissions, and
 * re-running an old period gives its published figures again), fills the masked columns, masks the rejected values of
 * the ID columns and the IDs in the natural keys of conflicts. A Spring bean rather than a class under db/migration,
 * because it needs the key.
 */
@Component
class ResidentIdMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(ResidentIdMigration.class);

    private static final int BATCH = 5_000;

    private final ResidentIdHashes hashes;
    private final IdKeyCheck keyCheck;

    ResidentIdMigration(ResidentIdHashes hashes, IdKeyCheck keyCheck) {
        this.hashes = hashes;
        this.keyCheck = keyCheck;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("11.1");
    }

    @Override
    public String getDescription() {
        return "hash resident ids stored in clear";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        keyCheck.verify(connection);
        long values = hash(connection, "stage_visits", "person_id", ColumnType.RESIDENT_ID)
                + hash(connection, "stage_subsidies", "recipient_id", ColumnType.RESIDENT_ID_OR_CREDIT_CODE);
        values += rewrite(connection, """
                select r.id, r.value from rejection r join submission s on s.id = r.submission_id
                where r.value is not null
                  and (s.dataset = 'visits' and r.column_key = 'person_id'
                       or s.dataset = 'subsidies' and r.column_key = 'recipient_id')""",
                "update rejection set value = ? where id = ?", (row, update) -> {
                    update.setString(1, ResidentIds.mask(row.getString(2)));
                    update.setLong(2, row.getLong(1));
                });
        values += rewrite(connection, "select id, natural_key from conflict where dataset in ('visits', 'subsidies')",
                "update conflict set natural_key = ? where id = ?", (row, update) -> {
                    update.setString(1, maskedKey(row.getString(2)));
                    update.setLong(2, row.getLong(1));
                });
        if (values > 0) {
            log.info("Hashed or masked {} resident IDs that earlier versions stored in clear", values);
        }
    }

    private long hash(Connection connection, String table, String column, ColumnType type) throws SQLException {
        ResidentIdHashes.Hasher hasher = hashes.hasher();
        return rewrite(connection,
                "select submission_id, row_no, %s from %s where %1$s is not null and %1$s_masked is null".formatted(column, table),
                "update %s set %s = ?, %2$s_masked = ? where submission_id = ? and row_no = ?".formatted(table, column),
                (row, update) -> {
                    String id = row.getString(3);
                    update.setString(1, hasher.stored(id, type));
                    update.setString(2, ResidentIdHashes.masked(id, type));
                    update.setLong(3, row.getLong(1));
                    update.setInt(4, row.getInt(2));
                });
    }

    /** Runs {@code update} for every row of {@code select}, in batches; returns the number of rows. */
    private static long rewrite(Connection connection, String select, String update, Binder binder) throws SQLException {
        long rows = 0;
        try (PreparedStatement query = connection.prepareStatement(select);
             PreparedStatement statement = connection.prepareStatement(update)) {
            query.setFetchSize(BATCH);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    binder.bind(row, statement);
                    statement.addBatch();
                    if (++rows % BATCH == 0) {
                        statement.executeBatch();
                    }
                }
            }
            statement.executeBatch();
        }
        return rows;
    }

    /** Sets the parameters of the update of one row from the selected row. */
    @FunctionalInterface
    private interface Binder {
        void bind(ResultSet row, PreparedStatement update) throws SQLException;
    }

    /** A natural key as Deduplicator wrote it ({@code |}-separated), every valid resident ID in it masked. */
    private static String maskedKey(String key) {
        return Arrays.stream(key.split("\\|", -1))
                .map(part -> ResidentIds.isValid(part) ? ResidentIds.mask(part) : part)
                .collect(Collectors.joining("|"));
    }
}
