package org.provincial.reporting.web;

import java.util.NoSuchElementException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.provincial.reporting.security.Problems;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the API as an RFC 9457 problem detail with a Chinese title and detail: 400 bad input, 404 nothing
 * there, 409 not possible now, 415 not JSON, 500 with no internals (those go to the log).
 */
@RestControllerAdvice(assignableTypes = { RunsApiController.class, SubmissionsApiController.class,
        TotalsApiController.class, DownloadsApiController.class, ApiFallbackController.class,
        PublicationsApiController.class, ChecksApiController.class })
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final Problems problems;
    private final MessageSourceAccessor texts;

    ApiErrors(Problems problems, MessageSourceAccessor texts) {
        this.problems = problems;
        this.texts = texts;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail failure(RuntimeException e) {
        log.error("API request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, texts.getMessage("api.error.internal"));
    }

    /** Spring MVC's own errors (unreadable body, wrong type of a parameter …), told in Chinese. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status).headers(headers).body(problem(status, detail(e)));
    }

    private String detail(Exception e) {
        if (e instanceof HttpMessageNotReadableException) {
            return texts.getMessage("api.error.json");
        }
        if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
            return text("api.error.media-type", String.valueOf(unsupported.getContentType()));
        }
        if (e instanceof TypeMismatchException mismatch) {
            return text(Number.class.isAssignableFrom(wrapper(mismatch.getRequiredType())) ? "api.error.parameter.number"
                    : "api.error.parameter", mismatch.getPropertyName(), String.valueOf(mismatch.getValue()));
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return text("api.error.parameter.missing", missing.getParameterName());
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            return text("api.error.method", method.getMethod());
        }
        if (e instanceof NoResourceFoundException) {
            return texts.getMessage("api.error.no-endpoint");
        }
        return texts.getMessage("api.error.other");
    }

    private String text(String key, Object... arguments) {
        return texts.getMessage(key, arguments);
    }

    private static Class<?> wrapper(Class<?> type) {
        if (type == null) {
            return Object.class;
        }
        return type == long.class ? Long.class : type == int.class ? Integer.class : type;
    }

    private ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(problems.title(status.value()));
        return problem;
    }
}
