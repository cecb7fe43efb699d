package org.provincial.reporting.web;

import java.util.NoSuchElementException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any other path under {@code /api/}: a problem detail in Chinese rather than the generic error page. */
@RestController
class ApiFallbackController {

    private final MessageSourceAccessor texts;

    ApiFallbackController(MessageSourceAccessor texts) {
        this.texts = texts;
    }

    @RequestMapping("/api/**")
    Object none(HttpServletRequest request) {
        throw new NoSuchElementException(texts.getMessage("api.error.no-endpoint.named",
                new Object[] { request.getMethod(), request.getRequestURI() }));
    }
}
