package org.provincial.reporting.web;

import java.util.List;

import org.provincial.reporting.checks.CheckWarning;
import org.provincial.reporting.checks.Checks;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/checks/{province}/{period}}: the warnings of the checks of the last run, most important first. */
@RestController
class ChecksApiController {

    private final Checks checks;
    private final MessageSourceAccessor texts;

    ChecksApiController(Checks checks, MessageSourceAccessor texts) {
        this.checks = checks;
        this.texts = texts;
    }

    @GetMapping("/api/checks/{province}/{period}")
    List<CheckWarning> checks(@PathVariable String province, @PathVariable String period) {
        return checks.find(province, Periods.checked(period, texts));
    }
}
