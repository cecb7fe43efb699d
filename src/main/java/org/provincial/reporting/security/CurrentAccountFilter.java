package org.provincial.reporting.security;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the signed-in user's account again on every page request: a removed user, or a session opened with a
 * password changed since, is signed out at once; a changed role counts from this request on.
 */
final class CurrentAccountFilter extends OncePerRequestFilter {

    private final AccountSessions sessions;

    CurrentAccountFilter(AccountSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn instanceof UsernamePasswordAuthenticationToken && signedIn.isAuthenticated()) {
            Optional<UserDetails> account = sessions.current(signedIn.getName());
            HttpSession session = request.getSession(false);
            boolean passwordChanged = session != null && session.getAttribute(AccountSessions.STAMP) != null
                    && account.isPresent() && !AccountSessions.opensWith(session, account.get());
            if (account.isEmpty() || passwordChanged) {
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            }
            else if (!new HashSet<>(account.get().getAuthorities()).equals(new HashSet<>(signedIn.getAuthorities()))) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(signedIn.getPrincipal(),
                        null, account.get().getAuthorities()));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
