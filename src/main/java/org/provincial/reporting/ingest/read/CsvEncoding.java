package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.apache.poi.poifs.filesystem.FileMagic;

/** The encoding of a CSV file (BOM, else valid UTF-8, else GB18030), found in one streaming pass over its bytes. */
record CsvEncoding(Charset charset, int byteOrderMarkLength) {

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** "BM" (a bitmap) and the four bytes of a metafile can begin a line of text; every other known signature cannot. */
    private static final Set<FileMagic> TEXT_MAY_START_LIKE = EnumSet.of(FileMagic.UNKNOWN, FileMagic.BMP, FileMagic.WMF);

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int CHUNK = 64 * 1024;

    static CsvEncoding detect(Path file) throws UnreadableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[CHUNK];
            int length = in.readNBytes(chunk, 0, CHUNK);
            FileMagic magic = FileMagic.valueOf(Arrays.copyOf(chunk, length));
            if (!TEXT_MAY_START_LIKE.contains(magic)) {
                throw new UnreadableFileException(FileContents.notWhatTheExtensionSays(FileFormat.CSV, magic));
            }
            boolean byteOrderMark = length >= UTF8_BOM.length
                    && Arrays.equals(chunk, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
            Utf8Check utf8 = new Utf8Check();
            while (length > 0) {
                requireNoNul(chunk, length);
                utf8.feed(chunk, length);
                length = in.readNBytes(chunk, 0, CHUNK);
            }
            if (byteOrderMark) {
                return new CsvEncoding(StandardCharsets.UTF_8, UTF8_BOM.length);
            }
            return new CsvEncoding(utf8.finish() ? StandardCharsets.UTF_8 : GB18030, 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** "CSV UTF-8", "CSV UTF-8 BOM" or "CSV GB18030". */
    String description() {
        return "CSV " + charset.name() + (byteOrderMarkLength > 0 ? " BOM" : "");
    }

    private static void requireNoNul(byte[] chunk, int length) throws UnreadableFileException {
        for (int i = 0; i < length; i++) {
            if (chunk[i] == 0) {
                throw new UnreadableFileException("文件无法读取：扩展名为.csv，但文件中含有二进制内容（空字符），"
                        + "不是UTF-8或GBK编码的文本。请在Excel中打开并另存为“CSV（逗号分隔）”或.xlsx后重新报送");
            }
        }
    }

    /** Decodes bytes as strict UTF-8, chunk by chunk, remembering whether any sequence was invalid. */
    private static final class Utf8Check {

        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer pending = ByteBuffer.allocate(CHUNK + 8);
        private final CharBuffer chars = CharBuffer.allocate(CHUNK + 8);
        private boolean valid = true;

        void feed(byte[] chunk, int length) {
            if (valid) {
                pending.put(chunk, 0, length).flip();
                decode(false);
                pending.compact();
            }
        }

        boolean finish() {
            if (valid) {
                pending.flip();
                decode(true);
                valid = valid && !decoder.flush(chars).isError();
            }
            return valid;
        }

        private void decode(boolean endOfInput) {
            chars.clear();
            valid = !decoder.decode(pending, chars, endOfInput).isError();
        }
    }
}
