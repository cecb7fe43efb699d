package org.provincial.reporting.web;

import java.security.Principal;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.provincial.reporting.publish.PublishedWorkbook;
import org.provincial.reporting.publish.Publications;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
    private final Publications publications;

    DownloadsApiController(Downloads downloads, Publications publications) {
        this.downloads = downloads;
        this.publications = publications;
    }

    /**
     * The latest published revision when there is one (or revision {@code revision}), with
     * {@value #PUBLICATION_REVISION}; else, or with {@code latest=true}, the latest run's workbook.
     */
    @GetMapping("/api/workbooks/{province:\\d{6}}/{period:\\d{4}-\\d{2}}")
    ResponseEntity<Resource> workbook(@PathVariable String province, @PathVariable String period,
            @RequestParam(defaultValue = "false") boolean latest, @RequestParam(required = false) Integer revision,
            Principal principal) {
        if (!latest) {
            Optional<PublishedWorkbook> published = publications.download(principal.getName(), province, period,
                    revision);
            if (published.isPresent()) {
                return published(published.get());
            }
            if (revision != null) {
                throw new NoSuchElementException(province + " " + period + " 没有修订版 " + revision);
            }
        }
        return DownloadsController.file(downloads.workbook(province, period)
                .orElseThrow(() -> new NoSuchElementException("还没有 " + province + " " + period
                        + " 的汇总表：这个月还没有完成的运行")));
    }

    @GetMapping("/api/feedback/{submitter:\\d{6}}/{period:\\d{4}-\\d{2}}")
    ResponseEntity<Resource> feedback(@PathVariable String submitter, @PathVariable String period) {
        return DownloadsController.file(downloads.feedback(submitter, period)
                .orElseThrow(() -> new NoSuchElementException("还没有报送单位 " + submitter + " " + period
                        + " 的反馈文件")));
    }

    private static ResponseEntity<Resource> published(PublishedWorkbook workbook) {
        return ResponseEntity.ok()
                .contentType(DownloadsController.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(workbook.publication().fileName()).build().toString())
                .header(PUBLICATION_REVISION, String.valueOf(workbook.publication().revision()))
                .body(new ByteArrayResource(workbook.bytes()));
    }
}
