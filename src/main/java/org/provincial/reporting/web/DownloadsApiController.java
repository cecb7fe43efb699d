package org.provincial.reporting.web;

import java.security.Principal;
import java.util.NoSuchElementException;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/workbooks/…} and {@code /api/feedback/…}: the files of completed runs (the latest published
 * revision first), 404 with why otherwise. */
@RestController
class DownloadsApiController {

    /** The header naming the revision a download of published figures comes from. */
    static final String PUBLICATION_REVISION = "X-Publication-Revision";

    private final Downloads downloads;
    private final MessageSourceAccessor texts;

    DownloadsApiController(Downloads downloads, MessageSourceAccessor texts) {
        this.downloads = downloads;
        this.texts = texts;
    }

    /** See {@link Downloads#workbook(String, String, String, boolean, Integer)}. */
    @GetMapping("/api/workbooks/{province:\\d{6}}/{period:\\d{4}-\\d{2}}")
    ResponseEntity<Resource> workbook(@PathVariable String province, @PathVariable String period,
            @RequestParam(defaultValue = "false") boolean latest, @RequestParam(required = false) Integer revision,
            Principal principal) {
        return downloads.workbook(principal.getName(), province, period, latest, revision);
    }

    @GetMapping("/api/feedback/{submitter:\\d{6}}/{period:\\d{4}-\\d{2}}")
    ResponseEntity<Resource> feedback(@PathVariable String submitter, @PathVariable String period) {
        return DownloadsController.file(downloads.feedback(submitter, period)
                .orElseThrow(() -> new NoSuchElementException(texts.getMessage("download.no-feedback",
                        new Object[] { submitter, period }))));
    }
}
