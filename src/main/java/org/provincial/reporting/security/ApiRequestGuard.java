package org.provincial.reporting.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API calls that a page of another site can make a browser send, before any credentials are looked at:
 * any request that the browser marks as coming from another origin ({@code Sec-Fetch-Site}, {@code Origin}), and
 * any state-changing call whose body is not JSON (a cross-site form can send no JSON without a CORS preflight,
 * which the API never grants).
 */
final class ApiRequestGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final Problems problems;
    private final MessageSourceAccessor texts;

    ApiRequestGuard(Problems problems, MessageSourceAccessor texts) {
        this.problems = problems;
        this.texts = texts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if ((site != null && !OWN_SITE.contains(site)) || (origin != null && !origin.equalsIgnoreCase(origin(request)))) {
            problems.send(request, response, HttpStatus.FORBIDDEN,
                    texts.getMessage("api.cross-site", new Object[] { origin == null ? site : origin }));
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !json(request.getContentType())) {
            problems.send(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, texts.getMessage("api.not-json",
                    new Object[] { request.getContentType() == null ? texts.getMessage("api.no-content-type")
                            : request.getContentType() }));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean json(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** This server's origin as the request reached it (through a proxy: as the proxy forwarded it). */
    private static String origin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
