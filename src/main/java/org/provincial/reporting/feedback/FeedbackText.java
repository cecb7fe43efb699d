package org.provincial.reporting.feedback;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.provincial.reporting.feedback.Guidance.Line;
import org.provincial.reporting.feedback.Listings.FileLine;
import org.provincial.reporting.feedback.Listings.RejectionLine;

/**
 * The feedback as plain text, for clerks whose office suite cannot open xlsx: the same guidance and tables as the
 * workbook, in UTF-8 with a byte order mark and CRLF line ends so that Windows Notepad shows it as written.
 */
final class FeedbackText implements Closeable {

    private static final String CRLF = "\r\n";
    private static final String INDENT = "    ";
    private static final String BAR = "｜";

    /** The numbers of the sections, in order: the guidance's two or three, then the files and the rejections. */
    private static final String NUMBERS = "一二三四五";

    private final Writer out;
    private String lastFile;
    /** Sections written so far. */
    private int sections;

    FeedbackText(Path file) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        out.write('\uFEFF');
    }

    void guidance(Guidance guidance) throws IOException {
        line(guidance.title());
        for (String fact : guidance.facts()) {
            line(fact);
        }
        line(guidance.verdict());
        line("");
        line(Guidance.LINES_HEADING);
        for (Line l : guidance.lines()) {
            line("【" + l.dataset() + "】" + (l.file().isEmpty() ? "" : l.file() + "　") + l.state().label());
            line(INDENT + Guidance.LINES_HEADER.get(3) + "：" + l.situation());
            line(INDENT + Guidance.LINES_HEADER.get(4) + "：" + l.nextStep());
        }
        line("");
        line(Guidance.RULES_HEADING);
        List<String> rules = guidance.rules();
        for (int i = 0; i < rules.size(); i++) {
            line(numbered(i, rules.get(i)));
        }
        line("");
        sections = 2;
        if (!guidance.reviews().isEmpty()) {
            line(Guidance.REVIEWS_HEADING);
            sections++;
            line(Guidance.REVIEWS_NOTE);
            for (int i = 0; i < guidance.reviews().size(); i++) {
                line(numbered(i, guidance.reviews().get(i)));
            }
            line("");
        }
    }

    void files(List<FileLine> files) throws IOException {
        line(heading(Listings.FILES_HEADING));
        List<String> header = Listings.FILES_HEADER;
        for (FileLine file : files) {
            List<String> parts = new ArrayList<>(List.of(file.name()));
            if (!file.dataset().isEmpty()) {
                parts.add(file.dataset());
            }
            if (file.version() != null) {
                parts.add(labelled(header.get(2), file.version()));
            }
            parts.add(labelled(header.get(3), file.received()));
            parts.add(file.fate());
            if (file.read() != null) {
                parts.add(labelled(header.get(5), file.read()));
                parts.add(labelled(header.get(6), file.accepted()));
                parts.add(labelled(header.get(7), file.rejected()));
            }
            line(String.join(BAR, parts));
            for (String reason : file.reasons()) {
                line(INDENT + header.get(8) + "：" + reason);
            }
        }
        line("");
        line(heading(Listings.REJECTIONS_HEADING));
    }

    /** One line of 退回明细, under the name of its file when it is the first of that file. */
    void rejection(RejectionLine rejection) throws IOException {
        if (!rejection.file().equals(lastFile)) {
            lastFile = rejection.file();
            line(Listings.REJECTIONS_HEADER.get(0) + "：" + rejection.file());
        }
        List<String> header = Listings.REJECTIONS_HEADER;
        line(INDENT + String.join(BAR, labelled(header.get(1), rejection.rowLabel()),
                labelled(header.get(2), rejection.column()), rejection.type() + "（" + rejection.code() + "）",
                rejection.message(), labelled(header.get(6), rejection.value())));
    }

    /** A line after the last rejection, as the workbook has one. */
    void note(String text) throws IOException {
        line(text);
    }

    /** The next section's heading with its number: 三、收到的文件. */
    private String heading(String title) {
        return NUMBERS.charAt(sections++) + "、" + title;
    }

    static String numbered(int index, String text) {
        return (index + 1) + ". " + text;
    }

    private static String labelled(String label, Object value) {
        return label + "：" + (value == null ? "" : value);
    }

    private void line(String text) throws IOException {
        // a value typed over several lines stays on one line of the text
        out.write(text.replaceAll("\r\n|[\r\n]", " "));
        out.write(CRLF);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
