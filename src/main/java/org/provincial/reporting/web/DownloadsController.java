package org.provincial.reporting.web;

import java.nio.file.Path;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.publish.Publications;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Downloads of workbooks (the published revision first) and feedback for the pages ({@code /downloads/…}, signed in),
 * and the downloads page with every revision beside the latest run's workbook.
 */
@Controller
class DownloadsController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Downloads downloads;
    private final Selections selections;
    private final RunHistory history;
    private final Publications publications;

    DownloadsController(Downloads downloads, Selections selections, RunHistory history,
            Publications publications) {
        this.downloads = downloads;
        this.selections = selections;
        this.history = history;
        this.publications = publications;
    }

    @GetMapping("/downloads")
    String page(@RequestParam(required = false) String province, @RequestParam(required = false) String period,
            Model model) {
        String shownProvince = selections.province(province);
        String shownPeriod = selections.period(shownProvince, period);
        model.addAttribute("province", shownProvince);
        model.addAttribute("period", shownPeriod);
        model.addAttribute("provinces", selections.provinces());
        model.addAttribute("periods", selections.periods(shownProvince, shownPeriod));
        model.addAttribute("workbook", downloads.workbook(shownProvince, shownPeriod).isPresent());
        model.addAttribute("revisions", publications.revisions(shownProvince, shownPeriod));
        model.addAttribute("latestPublished", downloads.latestRunPublished(shownProvince, shownPeriod).isPresent());
        model.addAttribute("feedback", downloads.feedbackSubmitters(shownProvince, shownPeriod));
        // each completed run with whether its own workbook is kept
        Map<RunRecord, Boolean> completed = new LinkedHashMap<>();
        history.runs(shownProvince, null, 100).stream().filter(run -> "COMPLETED".equals(run.status()))
                .forEach(run -> completed.put(run, downloads.runWorkbook(run).isPresent()));
        model.addAttribute("completed", completed);
        return "downloads";
    }

    @GetMapping("/downloads/runs/{id}/workbook")
    ResponseEntity<Resource> runWorkbook(@PathVariable long id) {
        return history.find(id).flatMap(downloads::runWorkbook).map(DownloadsController::file)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** The published revision first, as {@code GET /api/workbooks/…}: see {@link Downloads#workbook}. */
    @GetMapping("/downloads/workbooks/{province:\\d{6}}/{period:\\d{4}-\\d{2}}")
    ResponseEntity<Resource> workbook(@PathVariable String province, @PathVariable String period,
            @RequestParam(defaultValue = "false") boolean latest, @RequestParam(required = false) Integer revision,
            Principal principal) {
        try {
            return downloads.workbook(principal.getName(), province, period, latest, revision);
        }
        catch (NoSuchElementException e) {
            return ResponseEntity.notFound().build();
        }
    }

    @GetMapping("/downloads/feedback/{submitter:\\d{6}}/{period:\\d{4}-\\d{2}}")
    ResponseEntity<Resource> feedback(@PathVariable String submitter, @PathVariable String period) {
        return downloads.feedback(submitter, period).map(DownloadsController::file)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** The workbook as an attachment under its own name. */
    static ResponseEntity<Resource> file(Path path) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(path.getFileName().toString()).build().toString())
                .body(new FileSystemResource(path));
    }
}
