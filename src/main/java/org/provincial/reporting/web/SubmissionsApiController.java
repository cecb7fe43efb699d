package org.provincial.reporting.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/submissions}: received files with their fate, filtered like the submissions page. */
@RestController
class SubmissionsApiController {

    private static final int MAX_LISTED = 5000;

    private final SubmissionQueries submissions;

    SubmissionsApiController(SubmissionQueries submissions) {
        this.submissions = submissions;
    }

    @GetMapping("/api/submissions")
    List<SubmissionRow> submissions(@ModelAttribute SubmissionFilter filter,
            @RequestParam(defaultValue = "1000") int limit) {
        return submissions.find(filter, Math.max(1, Math.min(limit, MAX_LISTED)));
    }
}
