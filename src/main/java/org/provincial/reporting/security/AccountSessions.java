package org.provincial.reporting.security;

import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Ties a signed-in session to the password it was opened with: the session keeps a digest of the stored password
 * hash, so that a password changed anywhere (another session, {@code user add}) ends every other session.
 */
@Component
public class AccountSessions {

    static final String STAMP = AccountSessions.class.getName() + ".stamp";

    private final UserDetailsService users;

    AccountSessions(UserDetailsService users) {
        this.users = users;
    }

    /** Marks the session as opened with the user's current password (at sign-in, and after changing one's own). */
    public void remember(HttpSession session, String name) {
        current(name).ifPresent(account -> session.setAttribute(STAMP, stamp(account.getPassword())));
    }

    /** The user as stored now; empty once removed. */
    Optional<UserDetails> current(String name) {
        try {
            return Optional.of(users.loadUserByUsername(name));
        }
        catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Whether the session was opened with the account's current password (a session without a mark was not). */
    static boolean opensWith(HttpSession session, UserDetails account) {
        return stamp(account.getPassword()).equals(session.getAttribute(STAMP));
    }

    private static String stamp(String passwordHash) {
        return HexFormat.of().formatHex(ApiTokens.sha256(passwordHash));
    }
}
