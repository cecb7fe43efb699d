package org.provincial.reporting.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows in PostgreSQL's COPY text format, sent to one table in bounded batches. The connection must be the
 * transaction's own (DataSourceUtils), so that a rollback also takes back what was copied.
 */
final class CopyBuffer {

    private static final int FLUSH_AT_CHARS = 1 << 20;

    private final String copySql;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT_CHARS + 4096);
    private boolean rowStarted;
    private long rows;

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
        rows++;
    }

    boolean full() {
        return buffer.length() >= FLUSH_AT_CHARS;
    }

    long rows() {
        return rows;
    }

    void flush(Connection connection) {
        if (buffer.isEmpty()) {
            return;
        }
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.copyIn(copySql, new java.io.ByteArrayInputStream(bytes));
            buffer.setLength(0);
        }
        catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
