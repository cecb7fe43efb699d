package org.provincial.reporting.web;

import java.net.URI;
import java.security.Principal;
import java.time.YearMonth;
import java.util.List;

import org.provincial.reporting.publish.Publication;
import org.provincial.reporting.publish.Publications;
import org.provincial.reporting.report.ReportPeriod;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/publications}: the revisions of a province and month or range of months; admins publish a month's
 * completed run or a range (201).
 */
@RestController
@RequestMapping("/api/publications")
class PublicationsApiController {

    private final Publications publications;
    private final MessageSourceAccessor texts;

    PublicationsApiController(Publications publications, MessageSourceAccessor texts) {
        this.publications = publications;
        this.texts = texts;
    }

    /** The revisions of a month ({@code period}) or of a range of months ({@code from}, {@code to}). */
    @GetMapping
    List<Publication> revisions(@RequestParam String province, @RequestParam(required = false) String period,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        if ((period == null) == (from == null && to == null)) {
            throw new IllegalArgumentException(texts.getMessage("api.publications.query"));
        }
        if (period != null) {
            return publications.revisions(province, period);
        }
        YearMonth[] bounds = ReportPeriod.bounds(from, to);
        return publications.revisions(province, ReportPeriod.key(bounds[0], bounds[1]));
    }

    @PostMapping
    ResponseEntity<Publication> publish(@RequestBody PublicationRequest request, Principal principal) {
        boolean month = request.period() != null || request.executionId() != null;
        boolean range = request.from() != null || request.to() != null;
        Publication published;
        if (request.province() == null || month == range) {
            throw new IllegalArgumentException(texts.getMessage("api.publications.publish"));
        }
        if (month) {
            if (request.period() == null || request.executionId() == null) {
                throw new IllegalArgumentException(texts.getMessage("api.publications.publish.month"));
            }
            published = publications.publish(principal.getName(), request.province(), request.period(),
                    request.executionId(), request.note());
        }
        else {
            published = publications.publishRange(principal.getName(), request.province(), request.from(),
                    request.to(), request.note());
        }
        return ResponseEntity.created(URI.create("/api/workbooks/" + published.province() + "/"
                + published.period().replace('/', '_') + "?revision=" + published.revision())).body(published);
    }
}
