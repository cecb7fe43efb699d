package org.provincial.reporting.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The mark at the top of the summary sheet saying whether the workbook's figures are published (SPEC §10): every
 * workbook a run writes says {@value #NOT_PUBLISHED}; the copy kept as a revision says instead which revision it is,
 * who published it and when, so that no copy of unpublished figures passes for published ones.
 */
public final class PublicationMark {

    public static final String NOT_PUBLISHED = "未发布：本表是最近一次运行的汇总数，尚未发布；对外引用请以已发布的版本为准";

    /** The mark's cell on the summary sheet: the title's row, right of the title. */
    static final int ROW = 0;
    static final int COLUMN = 4;

    /** The summary sheet (the first) inside the workbook's package. */
    private static final String SUMMARY_PART = "xl/worksheets/sheet1.xml";

    /** The mark as the streaming writer stores it: an inline string, its text escaped for XML. */
    private static final String STORED_MARK = "<t>" + NOT_PUBLISHED + "</t>";

    private PublicationMark() {
    }

    /**
     * The workbook's bytes with its {@value #NOT_PUBLISHED} mark replaced by {@code published}; every other part of
     * the package keeps its content. The package is read by its central directory ({@link ZipFile}): the streaming
     * writer's local headers leave the sizes to the end of each entry.
     *
     * @throws IllegalStateException when the workbook's summary sheet does not carry the mark exactly once
     */
    public static byte[] stamp(Path workbook, String published) {
        ByteArrayOutputStream stamped = new ByteArrayOutputStream();
        boolean found = false;
        try (ZipFile in = new ZipFile(workbook.toFile()); ZipOutputStream out = new ZipOutputStream(stamped)) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                byte[] content;
                try (InputStream part = in.getInputStream(entry)) {
                    content = part.readAllBytes();
                }
                if (entry.getName().equals(SUMMARY_PART)) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf(STORED_MARK);
                    if (at < 0 || xml.indexOf(STORED_MARK, at + 1) >= 0) {
                        throw new IllegalStateException("汇总表的“汇总”页没有唯一的“未发布”标记，无法标为已发布");
                    }
                    content = (xml.substring(0, at) + "<t>" + escape(published) + "</t>"
                            + xml.substring(at + STORED_MARK.length())).getBytes(StandardCharsets.UTF_8);
                    found = true;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("The workbook " + workbook + " to publish is unreadable: " + e.getMessage(), e);
        }
        if (!found) {
            throw new IllegalStateException("汇总表中没有“汇总”页，无法标为已发布");
        }
        return stamped.toByteArray();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
