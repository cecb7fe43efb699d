package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.Reader;

/** Passes CSV text through, refusing an endless field or row before the CSV parser would buffer it. */
final class CsvLimitsReader extends Reader {

    static final int MAX_FIELD_LENGTH = 1_000_000;
    static final int MAX_CELLS = 1_000;
    /** Fields within their own limit could still make a row of a thousand million characters. */
    static final int MAX_ROW_LENGTH = 2 * MAX_FIELD_LENGTH;

    /** Where the text stands within a field, as RFC 4180 reads it. */
    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private State state = State.FIELD_START;
    private boolean afterCarriageReturn;
    private int fieldLength;
    private int rowLength;
    private int cells = 1;
    private int rowNumber = 1;

    CsvLimitsReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        for (int i = offset; i < offset + read; i++) {
            follow(buffer[i]);
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void follow(char c) throws LimitExceeded {
        boolean lineFeedEndingCarriageReturn = afterCarriageReturn && c == '\n';
        afterCarriageReturn = false;
        if (++rowLength > MAX_ROW_LENGTH) {
            throw new LimitExceeded("文件无法读取：第" + rowNumber + "行超过" + MAX_ROW_LENGTH + "个字符，不是正常的报送数据");
        }
        if (state == State.QUOTED) {
            if (c == '"') {
                state = State.QUOTE_IN_QUOTED;
            }
            else {
                grow();
            }
        }
        else if (c == ',') {
            if (++cells > MAX_CELLS) {
                throw new LimitExceeded("文件无法读取：第" + rowNumber + "行超过" + MAX_CELLS + "列，不是正常的报送数据");
            }
            fieldLength = 0;
            state = State.FIELD_START;
        }
        else if (c == '\r' || c == '\n') {
            if (!lineFeedEndingCarriageReturn) {
                rowNumber++;
            }
            afterCarriageReturn = c == '\r';
            cells = 1;
            fieldLength = 0;
            rowLength = 0;
            state = State.FIELD_START;
        }
        else if (c == '"' && state == State.FIELD_START) {
            state = State.QUOTED;
        }
        else {
            state = state == State.QUOTE_IN_QUOTED && c == '"' ? State.QUOTED : State.UNQUOTED;
            grow();
        }
    }

    private void grow() throws LimitExceeded {
        if (++fieldLength > MAX_FIELD_LENGTH) {
            throw new LimitExceeded("文件无法读取：第" + rowNumber + "行有一个单元格超过" + MAX_FIELD_LENGTH
                    + "个字符，不是正常的报送数据（可能有引号没有配对）");
        }
    }

    /** A limit was exceeded; the message is the Chinese text for the submitter. */
    static final class LimitExceeded extends IOException {

        LimitExceeded(String chineseMessage) {
            super(chineseMessage);
        }
    }
}
