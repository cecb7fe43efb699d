package org.provincial.reporting.web;

import org.provincial.reporting.feedback.AnnotatedCopyLocations;
import org.provincial.reporting.retention.PurgeLog;
import org.provincial.reporting.retention.RetentionProperties;

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

    private final PurgeLog purges;
    private final RetentionProperties properties;
    private final AnnotatedCopyLocations annotatedCopies;

    RetentionController(PurgeLog purges, RetentionProperties properties, AnnotatedCopyLocations annotatedCopies) {
        this.purges = purges;
        this.properties = properties;
        this.annotatedCopies = annotatedCopies;
    }

    @GetMapping("/retention")
    String retention(Model model) {
        model.addAttribute("months", properties.months());
        model.addAttribute("purges", purges.latest(PURGES_SHOWN));
        model.addAttribute("pending", annotatedCopies.pending());
        return "retention";
    }
}
