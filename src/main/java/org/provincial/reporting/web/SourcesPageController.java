package org.provincial.reporting.web;

import java.security.Principal;

import org.provincial.reporting.collect.HostKeys;
import org.provincial.reporting.collect.NetworkFailures;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.collect.SourceTrust;
import org.provincial.reporting.collect.TrustProperties;
import org.provincial.reporting.schedule.RunLauncher;
import org.provincial.reporting.security.AuditLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.MessageSourceAccessor;
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

    private static final Logger log = LoggerFactory.getLogger(SourcesPageController.class);

    private final RunLauncher launcher;
    private final HostKeys hostKeys;
    private final SourceTrust trust;
    private final TrustProperties properties;
    private final AuditLog audit;
    private final MessageSourceAccessor texts;

    SourcesPageController(RunLauncher launcher, HostKeys hostKeys, SourceTrust trust, TrustProperties properties,
            AuditLog audit, MessageSourceAccessor texts) {
        this.launcher = launcher;
        this.hostKeys = hostKeys;
        this.trust = trust;
        this.properties = properties;
        this.audit = audit;
        this.texts = texts;
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
                redirect.addFlashAttribute("notice", texts.getMessage("sources.trust.known",
                        new Object[] { check.hostName(), check.presentedFingerprint() }));
            }
            else {
                audit.record(principal.getName(), SourceTrust.AUDIT_ACTION, check.auditDetail());
                redirect.addFlashAttribute("notice", texts.getMessage("sources.trust.recorded",
                        new Object[] { check.auditDetail() }));
            }
        }
        catch (IllegalStateException e) {
            // the network's failures in Chinese; anything else is the SSH library's English, left to the log
            log.warn("Cannot read the host key of {}:{}: {}", host, port, e.getMessage());
            redirect.addFlashAttribute("error", texts.getMessage("sources.trust.failed", new Object[] { host + ":" + port,
                    NetworkFailures.describe(e, host, texts)
                            .orElseGet(() -> texts.getMessage("sources.trust.no-ssh")) }));
        }
        return "redirect:/sources";
    }
}
