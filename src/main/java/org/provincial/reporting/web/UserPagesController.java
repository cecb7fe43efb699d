package org.provincial.reporting.web;

import java.security.Principal;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpSession;

import org.provincial.reporting.security.AccountSessions;
import org.provincial.reporting.security.Role;
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

/**
 * The admins' page of users: add a user, change a user's role or password, remove a user; {@link UserAccounts} checks
 * and audits each change. Nobody removes or demotes themselves, and the last admin stays one.
 */
@Controller
@RequestMapping("/admin/users")
class UserPagesController {

    private final UserAccounts accounts;
    private final Labels labels;
    private final AccountSessions sessions;
    private final MessageSourceAccessor texts;

    UserPagesController(UserAccounts accounts, Labels labels, AccountSessions sessions, MessageSourceAccessor texts) {
        this.accounts = accounts;
        this.labels = labels;
        this.sessions = sessions;
        this.texts = texts;
    }

    @GetMapping
    String users(Principal principal, Model model) {
        model.addAttribute("users", accounts.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("minPasswordLength", UserAccounts.MIN_PASSWORD_LENGTH);
        model.addAttribute("me", principal.getName());
        return "users";
    }

    @PostMapping
    String add(@RequestParam String name, @RequestParam String role, @RequestParam String password,
            @RequestParam String confirmation, Principal principal, RedirectAttributes redirect) {
        return change(redirect, "user.add.failed", () -> {
            Role chosen = chosen(role);
            requireSame(password, confirmation);
            if (!accounts.add(name.strip(), chosen, password, principal.getName())) {
                throw new IllegalArgumentException(texts.getMessage("user.add.exists", new Object[] { name.strip() }));
            }
            return texts.getMessage("user.added", new Object[] { name.strip(), labels.role(chosen) });
        });
    }

    @PostMapping("/{name}/role")
    String role(@PathVariable String name, @RequestParam String role, Principal principal,
            RedirectAttributes redirect) {
        return change(redirect, "user.role.failed", () -> {
            Role chosen = chosen(role);
            if (name.equals(principal.getName()) && chosen != Role.ADMIN) {
                throw new IllegalStateException(texts.getMessage("user.role.self"));
            }
            requireExisting(accounts.changeRole(name, chosen, principal.getName()), name);
            return texts.getMessage("user.role.changed", new Object[] { name, labels.role(chosen) });
        });
    }

    /** The role chosen in a form; @throws IllegalArgumentException saying in Chinese that it is none */
    private Role chosen(String role) {
        return Role.find(role).orElseThrow(() -> new IllegalArgumentException(
                texts.getMessage("user.role.invalid", new Object[] { role })));
    }

    /** Another user's sessions end at their next request; one's own password changed here keeps this session. */
    @PostMapping("/{name}/password")
    String password(@PathVariable String name, @RequestParam String password, @RequestParam String confirmation,
            Principal principal, HttpSession session, RedirectAttributes redirect) {
        return change(redirect, "user.password.failed", () -> {
            requireSame(password, confirmation);
            requireExisting(accounts.changePassword(name, password, principal.getName()), name);
            if (name.equals(principal.getName())) {
                sessions.remember(session, name);
            }
            return texts.getMessage("user.password.changed", new Object[] { name });
        });
    }

    @PostMapping("/{name}/remove")
    String remove(@PathVariable String name, Principal principal, RedirectAttributes redirect) {
        return change(redirect, "user.remove.failed", () -> {
            if (name.equals(principal.getName())) {
                throw new IllegalStateException(texts.getMessage("user.remove.self"));
            }
            requireExisting(accounts.removeUnlessLastAdmin(name, principal.getName()), name);
            return texts.getMessage("user.removed", new Object[] { name });
        });
    }

    /** Makes the change and goes back to the list, telling what was done or, with the text {@code failure}, why nothing was. */
    private String change(RedirectAttributes redirect, String failure, Supplier<String> change) {
        try {
            redirect.addFlashAttribute("notice", change.get());
        }
        catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", texts.getMessage(failure, new Object[] { e.getMessage() }));
        }
        return "redirect:/admin/users";
    }

    private void requireSame(String password, String confirmation) {
        if (!password.equals(confirmation)) {
            throw new IllegalArgumentException(texts.getMessage("user.password.mismatch"));
        }
    }

    private void requireExisting(boolean found, String name) {
        if (!found) {
            throw new IllegalArgumentException(texts.getMessage("user.missing", new Object[] { name }));
        }
    }
}
