package org.provincial.reporting.web;

import java.util.List;

import org.provincial.reporting.reference.DisplayZone;
import org.provincial.reporting.submission.SubmissionFilter;
import org.provincial.reporting.submission.SubmissionRow;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/submissions}: received files with their fate, filtered like the submissions page, newest first,
 * a page at a time ({@code page} from 1, {@code size}); the number that match in header {@code X-Total-Count}.
 */
@RestController
class SubmissionsApiController {

    private static final int DEFAULT_SIZE = 1000;
    private static final int MAX_SIZE = 1000;

    private final SubmissionQueries submissions;
    private final DisplayZone zone;
    private final MessageSourceAccessor texts;

    SubmissionsApiController(SubmissionQueries submissions, DisplayZone zone, MessageSourceAccessor texts) {
        this.submissions = submissions;
        this.zone = zone;
        this.texts = texts;
    }

    @GetMapping("/api/submissions")
    ResponseEntity<List<SubmissionRow>> submissions(@ModelAttribute SubmissionFilter filter,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        Periods.checked(filter.period(), texts);
        int limit = Math.max(1, Math.min(size, MAX_SIZE));
        return ResponseEntity.ok().header(ListPage.TOTAL_COUNT, String.valueOf(submissions.count(filter)))
                .body(submissions.find(filter, ListPage.offset(page, limit), limit).stream()
                        .map(row -> row.inZone(zone)).toList());
    }
}
