package org.provincial.reporting.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format for one table, streamed to the server in small chunks through one COPY
 * that stays open while the file is read: the server stores the rows while the next ones are parsed. Only one COPY
 * can be open on a connection, so {@link #finish} must end it before the connection runs anything else. The
 * connection must be the transaction's own (DataSourceUtils), so that a rollback also takes back what was copied.
 */
final class CopyBuffer implements AutoCloseable {

    /** Rows are sent once this many characters are buffered: small enough to keep the server busy early. */
    private static final int SEND_AT_CHARS = 64 * 1024;

    /** A buffer that is not streamed (rejections, while the rows' COPY is open) is full at this size. */
    private static final int FULL_AT_CHARS = 1 << 20;

    private final String copySql;
    private final StringBuilder buffer = new StringBuilder(SEND_AT_CHARS + 4096);
    private CopyIn copy;
    private boolean rowStarted;

    CopyBuffer(String table, Iterable<String> columns) {
        this.copySql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT text)";
    }

    CopyBuffer add(Object value) {
        if (rowStarted) {
            buffer.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            buffer.append("\\N");
        }
        else if (value instanceof BigDecimal number) {
            buffer.append(number.toPlainString());
        }
        else if (value instanceof Boolean bool) {
            buffer.append(bool ? 't' : 'f');
        }
        else {
            escape(value.toString());
        }
        return this;
    }

    void endRow() {
        buffer.append('\n');
        rowStarted = false;
    }

    /** Whether enough rows are buffered to send them ({@link #send}). */
    boolean ready() {
        return buffer.length() >= SEND_AT_CHARS;
    }

    /** Whether the buffer should be emptied ({@link #finish}) even though that ends an open COPY. */
    boolean full() {
        return buffer.length() >= FULL_AT_CHARS;
    }

    /** Sends the buffered rows through this buffer's COPY, opening it first if needed. */
    void send(Connection connection) {
        if (buffer.isEmpty()) {
            return;
        }
        try {
            if (copy == null) {
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
        catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** Sends what is buffered and ends the COPY, waiting for the server to have stored every row. */
    void finish(Connection connection) {
        send(connection);
        if (copy == null) {
            return;
        }
        try {
            copy.endCopy();
        }
        catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
        finally {
            copy = null;
        }
    }

    /** Cancels a COPY left open by a failure, so that the connection can roll back. */
    @Override
    public void close() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            }
            catch (SQLException e) {
                // the transaction fails anyway; the connection reports its own state to the pool
            }
        }
        copy = null;
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                case '\0' -> { } // PostgreSQL text cannot hold NUL
                default -> buffer.append(c);
            }
        }
    }
}
