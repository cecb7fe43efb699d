package org.provincial.reporting.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import org.springframework.stereotype.Component;

/**
 * Refuses to start with a key other than the one the database's resident IDs were hashed with: hashes under two keys
 * never match, so deduplication and distinct counts would silently go wrong. The database keeps a fingerprint of the
 * key (a hash of a fixed text under it, which reveals nothing of the key), recorded by the first run.
 */
@Component
class IdKeyCheck implements Callback {

    private static final String FINGERPRINT_TEXT = "provincial-reporting resident ID key fingerprint";

    private final ResidentIdHashes hashes;

    IdKeyCheck(ResidentIdHashes hashes) {
        this.hashes = hashes;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            verify(context.getConnection());
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot check the resident ID key: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "resident ID key check";
    }

    /** Records the key's fingerprint when the database has none yet, else fails unless it is this key's. */
    void verify(Connection connection) throws SQLException {
        String fingerprint = hashes.hasher().hash(FINGERPRINT_TEXT);
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into id_key (fingerprint) values (?) on conflict do nothing")) {
            insert.setString(1, fingerprint);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("select fingerprint from id_key");
             ResultSet recorded = select.executeQuery()) {
            recorded.next();
            if (!recorded.getString(1).equals(fingerprint)) {
                throw new IllegalStateException("The resident ID key is not the one the IDs in this database were hashed "
                        + "with. Set REPORTING_ID_KEY to that key (the content of the id-key file in the home of the "
                        + "instance that first used this database, or its backup).");
            }
        }
    }
}
