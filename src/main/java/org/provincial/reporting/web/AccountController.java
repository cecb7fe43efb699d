package org.provincial.reporting.web;

import java.security.Principal;

import jakarta.servlet.http.HttpSession;

import org.provincial.reporting.security.AccountSessions;
import org.provincial.reporting.security.ApiTokens;
import org.provincial.reporting.security.UserAccounts;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every user's own page: change one's password, make, list and revoke one's personal API tokens. */
@Controller
@RequestMapping("/account")
class AccountController {

    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final AccountSessions sessions;
    private final MessageSourceAccessor texts;

    AccountController(UserAccounts accounts, ApiTokens tokens, AccountSessions sessions, MessageSourceAccessor texts) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
        this.texts = texts;
    }

    @GetMapping
    String account(Principal principal, Model model) {
        model.addAttribute("tokens", tokens.list(principal.getName()));
        model.addAttribute("minPasswordLength", UserAccounts.MIN_PASSWORD_LENGTH);
        return "account";
    }

    /** This session stays signed in; the user's other sessions end at their next request. */
    @PostMapping("/password")
    String password(@RequestParam String current, @RequestParam String password, @RequestParam String confirmation,
            Principal principal, HttpSession session, RedirectAttributes redirect) {
        try {
            if (!password.equals(confirmation)) {
                throw new IllegalArgumentException(texts.getMessage("account.password.mismatch"));
            }
            accounts.changeOwnPassword(principal.getName(), current, password);
            sessions.remember(session, principal.getName());
            redirect.addFlashAttribute("notice", texts.getMessage("account.password.changed"));
        }
        catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", texts.getMessage("account.password.failed", new Object[] { e.getMessage() }));
        }
        return "redirect:/account";
    }

    @PostMapping("/tokens")
    String create(@RequestParam String label, Principal principal, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newToken", tokens.create(principal.getName(), label));
            redirect.addFlashAttribute("notice", texts.getMessage("account.token.created", new Object[] { label.strip() }));
        }
        catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", texts.getMessage("account.token.failed", new Object[] { e.getMessage() }));
        }
        return "redirect:/account";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        if (tokens.revoke(principal.getName(), id)) {
            redirect.addFlashAttribute("notice", texts.getMessage("account.token.revoked"));
        }
        else {
            redirect.addFlashAttribute("error", texts.getMessage("account.token.missing"));
        }
        return "redirect:/account";
    }
}
