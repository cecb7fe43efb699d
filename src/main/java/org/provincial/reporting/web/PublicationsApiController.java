package org.provincial.reporting.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.provincial.reporting.publish.Publication;
import org.provincial.reporting.publish.Publications;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/publications}: the revisions of a province and period; admins publish a completed run (201). */
@RestController
@RequestMapping("/api/publications")
class PublicationsApiController {

    private final Publications publications;

    PublicationsApiController(Publications publications) {
        this.publications = publications;
    }

    @GetMapping
    List<Publication> revisions(@RequestParam String province, @RequestParam String period) {
        return publications.revisions(province, period);
    }

    @PostMapping
    ResponseEntity<Publication> publish(@RequestBody PublicationRequest request, Principal principal) {
        if (request.province() == null || request.period() == null || request.executionId() == null) {
            throw new IllegalArgumentException("发布须给出 province、period 和 executionId");
        }
        Publication published = publications.publish(principal.getName(), request.province(), request.period(),
                request.executionId(), request.note());
        return ResponseEntity.created(URI.create("/api/workbooks/" + published.province() + "/" + published.period()
                + "?revision=" + published.revision())).body(published);
    }
}
