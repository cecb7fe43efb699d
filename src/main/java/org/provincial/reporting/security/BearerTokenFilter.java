package org.provincial.reporting.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs an API request in with a personal token ({@code Authorization: Bearer prt_…}), with its owner's role as
 * stored now; an unknown or revoked token is answered 401 at once.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final AccountSessions accounts;
    private final AuthenticationEntryPoint entryPoint;
    private final MessageSourceAccessor texts;

    BearerTokenFilter(ApiTokens tokens, AccountSessions accounts, AuthenticationEntryPoint entryPoint,
            MessageSourceAccessor texts) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.entryPoint = entryPoint;
        this.texts = texts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<UserDetails> owner = tokens.owner(authorization.substring(BEARER.length()).strip())
                .flatMap(accounts::current);
        if (owner.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new InvalidTokenException(texts.getMessage("api.token.invalid")));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(owner.get().getUsername(), null,
                owner.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** A bearer token that is unknown, revoked, or whose owner was removed. */
    static final class InvalidTokenException extends BadCredentialsException {

        InvalidTokenException(String message) {
            super(message);
        }
    }
}
