package org.provincial.reporting.ingest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format for one table, streamed to the server in small chunks through one COPY
 * that stays open while the file is read: the server stores the rows while the next ones are parsed. Values are
 * escaped and encoded in UTF-8 straight into the byte buffer that is sent, in one pass. Only one COPY
 * can be open on a connection, so {@link #finish} must end it before the connection runs anything else. The
 * connection must be the transaction's own (DataSourceUtils), so that a rollback also takes back what was copied.
 */
final class CopyBuffer implements AutoCloseable {

    /** Rows are sent once this many bytes are buffered: small enough to keep the server busy early. */
    private static final int SEND_AT_BYTES = 64 * 1024;

    /** A buffer that is not streamed (rejections, while the rows' COPY is open) is full at this size. */
    private static final int FULL_AT_BYTES = 1 << 20;

    private final String copySql;
    private byte[] buffer = new byte[SEND_AT_BYTES + 8192];
    private int length;
    private CopyIn copy;
    private boolean rowStarted;

    CopyBuffer(String table, Iterable<String> columns) {
        this.copySql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT text)";
    }

    CopyBuffer add(Object value) {
        ensureRoom(3);
        if (rowStarted) {
            buffer[length++] = '\t';
        }
        rowStarted = true;
        if (value == null) {
            buffer[length++] = '\\';
            buffer[length++] = 'N';
        }
        else if (value instanceof Boolean bool) {
            buffer[length++] = (byte) (bool ? 't' : 'f');
        }
        else if (value instanceof LocalDate date && date.getYear() >= 1000 && date.getYear() <= 9999) {
            addDate(date);
        }
        else {
            addText(value instanceof BigDecimal number ? number.toPlainString() : value.toString());
        }
        return this;
    }

    void endRow() {
        ensureRoom(1);
        buffer[length++] = '\n';
        rowStarted = false;
    }

    /** Whether enough rows are buffered to send them ({@link #send}). */
    boolean ready() {
        return length >= SEND_AT_BYTES;
    }

    /** Whether the buffer should be emptied ({@link #finish}) even though that ends an open COPY. */
    boolean full() {
        return length >= FULL_AT_BYTES;
    }

    /** Sends the buffered rows through this buffer's COPY, opening it first if needed. */
    void send(Connection connection) {
        if (length == 0) {
            return;
        }
        try {
            if (copy == null) {
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            }
            copy.writeToCopy(buffer, 0, length);
            length = 0;
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

    /** ISO form, as {@link LocalDate#toString} writes a four-digit year. */
    private void addDate(LocalDate date) {
        ensureRoom(10);
        addDigits(date.getYear(), 4);
        buffer[length++] = '-';
        addDigits(date.getMonthValue(), 2);
        buffer[length++] = '-';
        addDigits(date.getDayOfMonth(), 2);
    }

    private void addDigits(int value, int digits) {
        for (int i = length + digits - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    /**
     * The text escaped for COPY and encoded in UTF-8 as {@link String#getBytes} would (a lone surrogate becomes
     * '?'). PostgreSQL text cannot hold NUL, so it is left out.
     */
    private void addText(String text) {
        int chars = text.length();
        ensureRoom(3 * chars);
        byte[] bytes = buffer;
        int at = length;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> at = escaped(bytes, at, '\\');
                    case '\t' -> at = escaped(bytes, at, 't');
                    case '\n' -> at = escaped(bytes, at, 'n');
                    case '\r' -> at = escaped(bytes, at, 'r');
                    case '\0' -> { }
                    default -> bytes[at++] = (byte) c;
                }
            }
            else if (c < 0x800) {
                bytes[at++] = (byte) (0xC0 | c >> 6);
                bytes[at++] = (byte) (0x80 | c & 0x3F);
            }
            else if (!Character.isSurrogate(c)) {
                bytes[at++] = (byte) (0xE0 | c >> 12);
                bytes[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[at++] = (byte) (0x80 | c & 0x3F);
            }
            else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                bytes[at++] = (byte) (0xF0 | codePoint >> 18);
                bytes[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                bytes[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                bytes[at++] = (byte) (0x80 | codePoint & 0x3F);
            }
            else {
                bytes[at++] = '?';
            }
        }
        length = at;
    }

    private static int escaped(byte[] bytes, int at, char letter) {
        bytes[at] = '\\';
        bytes[at + 1] = (byte) letter;
        return at + 2;
    }

    private void ensureRoom(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + bytes));
        }
    }
}
