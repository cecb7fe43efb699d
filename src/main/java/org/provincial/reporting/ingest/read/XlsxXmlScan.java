package org.provincial.reporting.ingest.read;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Follows an .xlsx part's XML as bytes, just enough to measure each markup, cell ({@code c}), shared string
 * ({@code si}) and text, and to note the ranges of the merged cells ({@code mergeCell ref="A5:A8"}).
 */
final class XlsxXmlScan {

    /** The most characters a cell or shared string may hold, as a CSV field. */
    static final int MAX_CELL_LENGTH = CsvLimitsReader.MAX_FIELD_LENGTH;
    /** The most tags inside one cell or shared string: the streaming reader joins rich-text runs in quadratic time. */
    static final int MAX_TAGS_IN_CELL = 10_000;
    /** The longest single tag, comment, processing instruction or CDATA section, in bytes. */
    static final int MAX_MARKUP_LENGTH = 1 << 20;
    /** The most merged ranges a workbook may hold: each is kept in memory while its sheet is read. */
    static final int MAX_MERGED_RANGES = 100_000;

    private static final char[] MERGE_CELL = "mergeCell".toCharArray();
    /** Enough for any ref attribute and the few others a mergeCell tag may carry. */
    private static final int MAX_MERGE_TAG_LENGTH = 256;

    private enum State { TEXT, MARKUP_START, BANG, TAG, COMMENT, PROCESSING_INSTRUCTION, CDATA }

    private static final byte[] CDATA_OPENING = {'[', 'C', 'D', 'A', 'T', 'A', '['};
    private static final int NAME_CAPACITY = 16;

    private final boolean streamed;
    private State state = State.TEXT;
    private int markupLength;
    private int bangMatched;
    private boolean endTag;
    private byte quote;
    private byte previous;
    private byte beforePrevious;
    private final byte[] name = new byte[NAME_CAPACITY];
    private int nameLength;
    private boolean nameDone;
    private boolean inCell;
    private int characters;
    private int tags;
    /** The shared strings ({@code si}) met, in a streamed part. */
    private long sharedStrings;
    private boolean nameChecked;
    private boolean mergeTag;
    private final StringBuilder mergeAttributes = new StringBuilder();
    private final List<CellRangeAddress> mergedCells = new ArrayList<>();
    /** The merged ranges met in the whole package so far. */
    private final int[] mergedRanges;

    /**
     * @param streamed     whether the reader streams the part, which holds it to the limits of cells and text
     * @param mergedRanges the merged ranges met in the whole package so far, counted on by this scan (streamed parts)
     */
    XlsxXmlScan(boolean streamed, int[] mergedRanges) {
        this.streamed = streamed;
        this.mergedRanges = mergedRanges;
    }

    /** The shared strings ({@code si}) met so far. */
    long sharedStrings() {
        return sharedStrings;
    }

    /** The merged ranges of this part met so far. */
    List<CellRangeAddress> mergedCells() {
        return mergedCells;
    }

    void feed(byte[] bytes, int length) throws UnreadableFileException {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == 0) {
                // no UTF-8 XML holds a NUL; UTF-16 and UTF-32 ones do, and would hide their markup from this scan
                throw new UnreadableFileException("文件无法读取：工作簿中有不是UTF-8编码的XML部件，Excel保存的文件不会这样。"
                        + "请在Excel中打开并另存为.xlsx后重新报送");
            }
            if (state == State.TEXT) {
                if (b == '<') {
                    state = State.MARKUP_START;
                    markupLength = 1;
                }
                else {
                    countCharacter(b);
                }
            }
            else {
                if (++markupLength > MAX_MARKUP_LENGTH) {
                    throw new UnreadableFileException("文件无法读取：工作簿中有超过" + (MAX_MARKUP_LENGTH >> 20)
                            + "MB的单个XML标记，Excel保存的文件不会这样，可能是恶意构造的文件");
                }
                markup(b);
            }
            beforePrevious = previous;
            previous = b;
        }
    }

    private void markup(byte b) throws UnreadableFileException {
        switch (state) {
            case MARKUP_START -> {
                if (b == '!') {
                    state = State.BANG;
                    bangMatched = 0;
                }
                else if (b == '?') {
                    state = State.PROCESSING_INSTRUCTION;
                }
                else {
                    state = State.TAG;
                    endTag = b == '/';
                    quote = 0;
                    nameLength = 0;
                    nameDone = false;
                    nameChecked = false;
                    mergeTag = false;
                    if (!endTag) {
                        tagByte(b);
                    }
                }
            }
            case BANG -> bang(b);
            case TAG -> tagByte(b);
            case COMMENT -> {
                if (b == '>' && previous == '-' && beforePrevious == '-' && markupLength > 6) {
                    state = State.TEXT;
                }
            }
            case PROCESSING_INSTRUCTION -> {
                if (b == '>' && previous == '?') {
                    state = State.TEXT;
                }
            }
            case CDATA -> {
                if (b == '>' && previous == ']' && beforePrevious == ']') {
                    state = State.TEXT;
                }
                else {
                    countCharacter(b);
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** After "<!": a comment or a CDATA section; anything else is a DTD declaration. */
    private void bang(byte b) throws UnreadableFileException {
        // Excel never writes a DTD, and a DTD is how entity expansion and external entities (/etc/passwd) get in
        if (bangMatched == 0 && b == '-') {
            bangMatched = -1;
        }
        else if (bangMatched == -1 && b == '-') {
            state = State.COMMENT;
        }
        else if (bangMatched >= 0 && b == CDATA_OPENING[bangMatched]) {
            if (++bangMatched == CDATA_OPENING.length) {
                state = State.CDATA;
            }
        }
        else {
            throw new UnreadableFileException("文件无法读取：工作簿中含有DTD声明（<!DOCTYPE或<!ENTITY），"
                    + "Excel保存的文件不会有，可能是恶意构造的文件");
        }
    }

    private void tagByte(byte b) throws UnreadableFileException {
        if (nameDone && streamed && !endTag) {
            if (!nameChecked) {
                nameChecked = true;
                mergeTag = isName(MERGE_CELL);
                mergeAttributes.setLength(0);
            }
            if (mergeTag && mergeAttributes.length() < MAX_MERGE_TAG_LENGTH) {
                mergeAttributes.append((char) b);
            }
        }
        if (quote != 0) {
            if (b == quote) {
                quote = 0;
            }
        }
        else if (b == '"' || b == '\'') {
            quote = b;
            nameDone = true;
        }
        else if (b == '>') {
            state = State.TEXT;
            tagEnded(previous == '/');
        }
        else if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '/') {
            nameDone = nameLength > 0 || nameDone;
        }
        else if (!nameDone) {
            if (b == ':') {
                nameLength = 0; // the local name follows the prefix
            }
            else if (nameLength < NAME_CAPACITY) {
                name[nameLength++] = b;
            }
            else {
                nameLength = NAME_CAPACITY + 1; // too long to be a name of interest
                nameDone = true;
            }
        }
    }

    private void tagEnded(boolean empty) throws UnreadableFileException {
        if (!streamed) {
            return;
        }
        if (mergeTag) {
            mergeCell();
        }
        if (isName('c') || isName('s', 'i')) {
            sharedStrings += !endTag && isName('s', 'i') ? 1 : 0;
            inCell = !endTag && !empty;
            characters = 0;
            tags = 0;
        }
        else if (isName('r', 'o', 'w')) {
            inCell = false;
        }
        else if (inCell && ++tags > MAX_TAGS_IN_CELL) {
            throw new UnreadableFileException("文件无法读取：工作簿中有单元格的格式过于零碎（超过" + MAX_TAGS_IN_CELL
                    + "个XML元素），不是正常的报送数据");
        }
        if (!inCell) {
            characters = 0;
        }
    }

    /** Notes the range of a mergeCell tag whose attributes were kept; a tag without a readable ref is passed over. */
    private void mergeCell() throws UnreadableFileException {
        int ref = mergeAttributes.indexOf("ref=");
        if (ref < 0 || ref + 5 >= mergeAttributes.length()) {
            return;
        }
        char quoteMark = mergeAttributes.charAt(ref + 4);
        int end = mergeAttributes.indexOf(String.valueOf(quoteMark), ref + 5);
        if (end < 0) {
            return;
        }
        if (++mergedRanges[0] > MAX_MERGED_RANGES) {
            throw new UnreadableFileException("文件无法读取：工作簿中合并单元格超过" + MAX_MERGED_RANGES
                    + "处，不是正常的报送数据。请取消合并单元格后重新报送");
        }
        try {
            mergedCells.add(CellRangeAddress.valueOf(mergeAttributes.substring(ref + 5, end)));
        }
        catch (RuntimeException notARange) {
            // a range Excel would not write merges nothing
        }
    }

    private boolean isName(char... expected) {
        if (nameLength != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (name[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Counts a character of a cell's text (outside a cell: of one text node) by its first UTF-8 byte. */
    private void countCharacter(byte b) throws UnreadableFileException {
        if (streamed && (b & 0xC0) != 0x80 && ++characters > MAX_CELL_LENGTH) {
            throw new UnreadableFileException("文件无法读取：工作簿中有单元格超过" + MAX_CELL_LENGTH
                    + "个字符，不是正常的报送数据");
        }
    }
}
