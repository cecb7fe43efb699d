package org.provincial.reporting.web;

import java.util.NoSuchElementException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any other path under {@code /api/}: a problem detail in Chinese rather than the generic error page. */
@RestController
class ApiFallbackController {

    @RequestMapping("/api/**")
    Object none(HttpServletRequest request) {
        throw new NoSuchElementException("没有这个接口：" + request.getMethod() + " " + request.getRequestURI());
    }
}
