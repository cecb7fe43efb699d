package org.provincial.reporting.web;

import java.security.Principal;

import jakarta.servlet.http.HttpSession;

import org.provincial.reporting.security.AccountSessions;
import org.provincial.reporting.security.ApiTokens;
import org.provincial.reporting.security.UserAccounts;

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

    AccountController(UserAccounts accounts, ApiTokens tokens, AccountSessions sessions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
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
                throw new IllegalArgumentException("两次输入的新密码不一致");
            }
            accounts.changeOwnPassword(principal.getName(), current, password);
            sessions.remember(session, principal.getName());
            redirect.addFlashAttribute("notice", "已修改密码；在其他地方登录的会话已退出");
        }
        catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "无法修改密码：" + e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/tokens")
    String create(@RequestParam String label, Principal principal, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newToken", tokens.create(principal.getName(), label));
            redirect.addFlashAttribute("notice", "已新建令牌“" + label.strip() + "”：请立即复制，它只显示这一次");
        }
        catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "无法新建令牌：" + e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        if (tokens.revoke(principal.getName(), id)) {
            redirect.addFlashAttribute("notice", "已撤销令牌，使用它的脚本将无法再访问接口");
        }
        else {
            redirect.addFlashAttribute("error", "没有这个令牌");
        }
        return "redirect:/account";
    }
}
