package org.provincial.reporting.web;

import java.security.Principal;

import org.provincial.reporting.collect.HostKeys;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SourceTrust;
import org.provincial.reporting.collect.TrustProperties;
import org.provincial.reporting.schedule.RunLauncher;
import org.provincial.reporting.security.AuditLog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sources page: the sources in use, the SFTP host keys recorded (with SHA-256 fingerprints) and how FTPS
 * certificates are trusted; admins accept an SFTP server's current key here as {@code sources trust} does.
 */
@Controller
class SourcesPageController {

    private final RunLauncher launcher;
    private final HostKeys hostKeys;
    private final SourceTrust trust;
    private final TrustProperties properties;
    private final AuditLog audit;

    SourcesPageController(RunLauncher launcher, HostKeys hostKeys, SourceTrust trust, TrustProperties properties,
            AuditLog audit) {
        this.launcher = launcher;
        this.hostKeys = hostKeys;
        this.trust = trust;
        this.properties = properties;
        this.audit = audit;
    }

    @GetMapping("/sources")
    String sources(Model model) {
        model.addAttribute("sources", launcher.sourcesInUse().stream().map(SourceLocation::masked).toList());
        model.addAttribute("sftpSources", launcher.sourcesInUse().stream()
                .filter(s -> s.scheme() == SourceLocation.Scheme.SFTP).toList());
        model.addAttribute("knownHosts", hostKeys.file());
        model.addAttribute("keys", hostKeys.recorded());
        model.addAttribute("trustNewHosts", properties.trustNewHosts());
        model.addAttribute("trustStore", properties.trustStore() == null ? null
                : properties.trustStore().toAbsolutePath());
        return "sources";
    }

    @PostMapping("/admin/sources/trust")
    String accept(@RequestParam String host, @RequestParam int port, Principal principal,
            RedirectAttributes redirect) {
        try {
            HostKeys.Check check = trust.trust(host.strip(), port);
            if (check.verdict() == HostKeys.Verdict.KNOWN) {
                redirect.addFlashAttribute("notice", check.hostName() + " 的主机密钥已登记：" + check.presentedFingerprint());
            }
            else {
                audit.record(principal.getName(), SourceTrust.AUDIT_ACTION, check.auditDetail());
                redirect.addFlashAttribute("notice", "已登记 " + check.auditDetail());
            }
        }
        catch (IllegalStateException e) {
            redirect.addFlashAttribute("error", "无法读取 " + host + ":" + port + " 的主机密钥：" + e.getMessage());
        }
        return "redirect:/sources";
    }
}
