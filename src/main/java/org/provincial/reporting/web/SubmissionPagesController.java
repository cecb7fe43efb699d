package org.provincial.reporting.web;

import jakarta.servlet.http.HttpServletRequest;

import org.provincial.reporting.reference.DatasetMappings;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The submissions browser: received files filtered by province, period, submitter, dataset and fate. */
@Controller
class SubmissionPagesController {

    private static final int PAGE_SIZE = 100;
    private static final int REJECTIONS_SHOWN = 2000;

    private final SubmissionQueries submissions;

    SubmissionPagesController(SubmissionQueries submissions) {
        this.submissions = submissions;
    }

    @GetMapping("/submissions")
    String submissions(@ModelAttribute("filter") SubmissionFilter filter, @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request, Model model) {
        model.addAttribute("page", ListPage.of(request, page, PAGE_SIZE, submissions.count(filter),
                (offset, limit) -> submissions.find(filter, offset, limit)));
        model.addAttribute("datasets", DatasetMappings.DATASETS);
        return "submissions";
    }

    @GetMapping("/submissions/{id}")
    String submission(@PathVariable long id, Model model) {
        SubmissionRow row = submissions.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有文件 " + id));
        model.addAttribute("row", row);
        model.addAttribute("rejections", submissions.rejections(id, REJECTIONS_SHOWN));
        model.addAttribute("limit", REJECTIONS_SHOWN);
        return "submission";
    }
}
