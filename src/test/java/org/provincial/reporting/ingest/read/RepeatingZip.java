package org.provincial.reporting.ingest.read;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Writes zip files whose entries repeat a body deflated only once, so a test builds a gigabyte zip bomb in a second. */
final class RepeatingZip {

    /** One entry: {@code head}, then {@code body} {@code repeats} times, then {@code tail}. */
    record Entry(String name, byte[] head, byte[] body, long repeats, byte[] tail) {

        static Entry of(String name, String text) {
            return new Entry(name, utf8(text), new byte[0], 0, new byte[0]);
        }

        static Entry repeating(String name, String head, String body, long repeats, String tail) {
            return new Entry(name, utf8(head), utf8(body), repeats, utf8(tail));
        }

        long expandedSize() {
            return head.length + body.length * repeats + tail.length;
        }
    }

    private RepeatingZip() {
    }

    static Path write(Path file, List<Entry> entries) throws IOException {
        List<byte[]> centralDirectory = new ArrayList<>();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (Entry entry : entries) {
                // each piece is deflated alone and ends on a full flush, so the pieces concatenate into one stream
                byte[] head = deflate(entry.head(), false);
                byte[] body = deflate(entry.body(), false);
                byte[] tail = deflate(entry.tail(), true);
                long compressedSize = head.length + body.length * entry.repeats() + tail.length;
                CRC32 crc = new CRC32();
                crc.update(entry.head());
                for (long i = 0; i < entry.repeats(); i++) {
                    crc.update(entry.body());
                }
                crc.update(entry.tail());
                byte[] name = utf8(entry.name());
                byte[] sizes = sizes(crc.getValue(), compressedSize, entry.expandedSize());
                int offset = out.size();

                out.writeInt(Integer.reverseBytes(0x04034b50));
                writeCommonHeader(out, sizes, name.length);
                out.write(name);
                out.write(head);
                for (long i = 0; i < entry.repeats(); i++) {
                    out.write(body);
                }
                out.write(tail);

                ByteArrayOutputStream record = new ByteArrayOutputStream();
                DataOutputStream central = new DataOutputStream(record);
                central.writeInt(Integer.reverseBytes(0x02014b50));
                central.writeShort(Short.reverseBytes((short) 20));
                writeCommonHeader(central, sizes, name.length);
                central.write(new byte[8]); // comment length, disk number, internal and external attributes
                central.writeShort(0);
                central.writeInt(Integer.reverseBytes(offset));
                central.write(name);
                centralDirectory.add(record.toByteArray());
            }
            int directoryOffset = out.size();
            int directorySize = 0;
            for (byte[] record : centralDirectory) {
                out.write(record);
                directorySize += record.length;
            }
            out.writeInt(Integer.reverseBytes(0x06054b50));
            out.writeInt(0); // disk numbers
            out.writeShort(Short.reverseBytes((short) entries.size()));
            out.writeShort(Short.reverseBytes((short) entries.size()));
            out.writeInt(Integer.reverseBytes(directorySize));
            out.writeInt(Integer.reverseBytes(directoryOffset));
            out.writeShort(0);
        }
        return file;
    }

    /** Version needed, UTF-8 flag, deflate, no date, CRC and sizes, name length, no extra field. */
    private static void writeCommonHeader(DataOutputStream out, byte[] sizes, int nameLength) throws IOException {
        out.writeShort(Short.reverseBytes((short) 20));
        out.writeShort(Short.reverseBytes((short) 0x0800));
        out.writeShort(Short.reverseBytes((short) 8));
        out.writeInt(0);
        out.write(sizes);
        out.writeShort(Short.reverseBytes((short) nameLength));
        out.writeShort(0);
    }

    private static byte[] sizes(long crc, long compressedSize, long expandedSize) throws IOException {
        if (compressedSize > 0xFFFF_FFFFL || expandedSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("An entry of 4 GiB or more needs Zip64, which this writer does not do");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(Integer.reverseBytes((int) crc));
        out.writeInt(Integer.reverseBytes((int) compressedSize));
        out.writeInt(Integer.reverseBytes((int) expandedSize));
        return bytes.toByteArray();
    }

    private static byte[] deflate(byte[] input, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(input);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int length;
            do {
                length = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.FULL_FLUSH);
                out.write(buffer, 0, length);
            }
            while (last ? !deflater.finished() : length == buffer.length);
            return out.toByteArray();
        }
        finally {
            deflater.end();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
