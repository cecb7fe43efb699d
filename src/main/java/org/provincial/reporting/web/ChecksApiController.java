package org.provincial.reporting.web;

import java.util.List;

import org.provincial.reporting.checks.CheckWarning;
import org.provincial.reporting.checks.Checks;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/checks/{province}/{period}}: the warnings of the checks of the last run, most important first. */
@RestController
class ChecksApiController {

    private final Checks checks;

    ChecksApiController(Checks checks) {
        this.checks = checks;
    }

    @GetMapping("/api/checks/{province}/{period}")
    List<CheckWarning> checks(@PathVariable String province, @PathVariable String period) {
        return checks.find(province, Periods.checked(period));
    }
}
