package org.provincial.reporting.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * RFC 9457 problem details written by the security filters (before any controller runs), titled in Chinese like
 * those of the API's controllers (titles {@code problem.title.<status>} of the messages bundle).
 */
@Component
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The statuses with a title of their own; any other is titled as 500 or 400. */
    private static final Set<Integer> TITLED = Set.of(400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 503);

    private final MessageSourceAccessor texts;

    Problems(MessageSourceAccessor texts) {
        this.texts = texts;
    }

    /** The Chinese title of an HTTP status. */
    public String title(int status) {
        return texts.getMessage("problem.title." + (TITLED.contains(status) ? status : status >= 500 ? 500 : 400));
    }

    void send(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status.value()));
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
