package org.provincial.reporting.web;

import java.security.Principal;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpSession;

import org.provincial.reporting.security.AccountSessions;
import org.provincial.reporting.security.Role;
import org.provincial.reporting.security.UserAccounts;

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

    UserPagesController(UserAccounts accounts, Labels labels, AccountSessions sessions) {
        this.accounts = accounts;
        this.labels = labels;
        this.sessions = sessions;
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
        return change(redirect, "无法添加用户", () -> {
            Role chosen = Role.of(role);
            requireSame(password, confirmation);
            if (!accounts.add(name.strip(), chosen, password, principal.getName())) {
                throw new IllegalArgumentException("已有用户 " + name.strip());
            }
            return "已添加用户 " + name.strip() + "（" + labels.role(chosen) + "）";
        });
    }

    @PostMapping("/{name}/role")
    String role(@PathVariable String name, @RequestParam String role, Principal principal,
            RedirectAttributes redirect) {
        return change(redirect, "无法修改角色", () -> {
            Role chosen = Role.of(role);
            if (name.equals(principal.getName()) && chosen != Role.ADMIN) {
                throw new IllegalStateException("不能取消自己的管理员角色");
            }
            requireExisting(accounts.changeRole(name, chosen, principal.getName()), name);
            return "用户 " + name + " 的角色现在是" + labels.role(chosen);
        });
    }

    /** Another user's sessions end at their next request; one's own password changed here keeps this session. */
    @PostMapping("/{name}/password")
    String password(@PathVariable String name, @RequestParam String password, @RequestParam String confirmation,
            Principal principal, HttpSession session, RedirectAttributes redirect) {
        return change(redirect, "无法修改密码", () -> {
            requireSame(password, confirmation);
            requireExisting(accounts.changePassword(name, password, principal.getName()), name);
            if (name.equals(principal.getName())) {
                sessions.remember(session, name);
            }
            return "已修改用户 " + name + " 的密码";
        });
    }

    @PostMapping("/{name}/remove")
    String remove(@PathVariable String name, Principal principal, RedirectAttributes redirect) {
        return change(redirect, "无法删除用户", () -> {
            if (name.equals(principal.getName())) {
                throw new IllegalStateException("不能删除自己的账号");
            }
            requireExisting(accounts.removeUnlessLastAdmin(name, principal.getName()), name);
            return "已删除用户 " + name;
        });
    }

    /** Makes the change and goes back to the list, telling what was done or why nothing was. */
    private static String change(RedirectAttributes redirect, String failure, Supplier<String> change) {
        try {
            redirect.addFlashAttribute("notice", change.get());
        }
        catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", failure + "：" + e.getMessage());
        }
        return "redirect:/admin/users";
    }

    private static void requireSame(String password, String confirmation) {
        if (!password.equals(confirmation)) {
            throw new IllegalArgumentException("两次输入的密码不一致");
        }
    }

    private static void requireExisting(boolean found, String name) {
        if (!found) {
            throw new IllegalArgumentException("没有用户 " + name);
        }
    }
}
