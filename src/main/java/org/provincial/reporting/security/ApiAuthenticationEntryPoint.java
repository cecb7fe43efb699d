package org.provincial.reporting.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The API's answer to a request without valid credentials: a problem detail, 401, or 429 with {@code Retry-After}
 * while the account or address is locked. Only clients that are no browser are offered the Basic challenge: a
 * browser would ask for a password and then send it with every request, from any site.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String REALM = "provincial-reporting";

    private final Problems problems;
    private final MessageSourceAccessor texts;

    ApiAuthenticationEntryPoint(Problems problems, MessageSourceAccessor texts) {
        this.problems = problems;
        this.texts = texts;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof LoginLockedException locked) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(locked.seconds()));
            problems.send(request, response, HttpStatus.TOO_MANY_REQUESTS, locked.getMessage());
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, fromBrowser(request)
                ? "Bearer realm=\"" + REALM + "\"" : "Basic realm=\"" + REALM + "\", Bearer realm=\"" + REALM + "\"");
        problems.send(request, response, HttpStatus.UNAUTHORIZED,
                failure instanceof BearerTokenFilter.InvalidTokenException ? failure.getMessage()
                        : texts.getMessage("api.unauthorized"));
    }

    /** Browsers send the Fetch metadata headers (all current ones) or at least a Mozilla user agent. */
    static boolean fromBrowser(HttpServletRequest request) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        return request.getHeader("Sec-Fetch-Mode") != null || (agent != null && agent.startsWith("Mozilla/"));
    }
}
