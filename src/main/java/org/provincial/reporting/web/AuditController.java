package org.provincial.reporting.web;

import jakarta.servlet.http.HttpServletRequest;

import org.provincial.reporting.security.AuditLog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit page: every admin action, newest first. */
@Controller
class AuditController {

    private static final int PAGE_SIZE = 100;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "1") int page, HttpServletRequest request, Model model) {
        model.addAttribute("page", ListPage.of(request, page, PAGE_SIZE, audit.count(), audit::recent));
        return "audit";
    }
}
