package org.provincial.reporting.web;

import java.time.OffsetDateTime;

import org.provincial.reporting.feedback.AnnotatedCopyLocations;
import org.provincial.reporting.retention.RetentionProperties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The retention page: the setting, the latest purges with what each removed, and the annotated copies of purged
 * originals that could not be deleted yet (the next purge retries them).
 */
@Controller
class RetentionController {

    private static final int PURGES_SHOWN = 100;

    /** One row of retention_purge; province and period null for the files whose name gave none. */
    record Purge(OffsetDateTime purgedAt, String province, String period, int months, int submissions,
            long stagedRows, int files, long bytes, int annotatedCopies) {
    }

    private final JdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final AnnotatedCopyLocations annotatedCopies;

    RetentionController(JdbcTemplate jdbc, RetentionProperties properties, AnnotatedCopyLocations annotatedCopies) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.annotatedCopies = annotatedCopies;
    }

    @GetMapping("/retention")
    String retention(Model model) {
        model.addAttribute("months", properties.months());
        model.addAttribute("purges", jdbc.query("""
                select purged_at, province, period, retention_months, submissions, staged_rows, files, bytes,
                       annotated_copies
                from retention_purge order by purged_at desc, id desc limit ?""",
                (rs, i) -> new Purge(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), rs.getLong(6), rs.getInt(7), rs.getLong(8), rs.getInt(9)),
                PURGES_SHOWN));
        model.addAttribute("pending", annotatedCopies.pending());
        return "retention";
    }
}
