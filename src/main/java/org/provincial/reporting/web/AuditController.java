package org.provincial.reporting.web;

import org.provincial.reporting.security.AuditLog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The audit page: every admin action, newest first. */
@Controller
class AuditController {

    private static final int SHOWN = 500;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String audit(Model model) {
        model.addAttribute("entries", audit.recent(SHOWN));
        model.addAttribute("limit", SHOWN);
        return "audit";
    }
}
