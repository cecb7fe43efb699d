package org.provincial.reporting.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.security.AuditLog;
import org.provincial.reporting.storage.ReportingHome;
import org.provincial.reporting.submission.SubmissionFilter;
import org.provincial.reporting.submission.SubmissionRow;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The submissions browser: received files filtered by province, period, submitter, dataset and fate; a file's
 * rejections by page, code and column; and the downloads of its feedback, its annotated copy and (admins only) its
 * original.
 */
@Controller
class SubmissionPagesController {

    private static final int PAGE_SIZE = 100;
    private static final int REJECTIONS_PAGE_SIZE = 100;

    private final SubmissionQueries submissions;
    private final Selections selections;
    private final Downloads downloads;
    private final ReportingHome home;
    private final AuditLog audit;
    private final MessageSourceAccessor texts;

    SubmissionPagesController(SubmissionQueries submissions, Selections selections, Downloads downloads,
            ReportingHome home, AuditLog audit, MessageSourceAccessor texts) {
        this.submissions = submissions;
        this.selections = selections;
        this.downloads = downloads;
        this.home = home;
        this.audit = audit;
        this.texts = texts;
    }

    @GetMapping("/submissions")
    String submissions(@ModelAttribute("filter") SubmissionFilter filter, @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request, Model model) {
        model.addAttribute("page", ListPage.of(request, page, PAGE_SIZE, submissions.count(filter),
                (offset, limit) -> submissions.find(filter, offset, limit)));
        model.addAttribute("datasets", DatasetMappings.DATASETS);
        // the choices: the province filtered on (else the first), its months and its submitters by city
        String province = selections.province(filter.province());
        model.addAttribute("provinces", selections.provinces());
        model.addAttribute("periods", selections.periods(province, filter.period()));
        model.addAttribute("submitterGroups", selections.submitterGroups(province));
        return "submissions";
    }

    @GetMapping("/submissions/{id}")
    String submission(@PathVariable long id, @RequestParam(required = false) String code,
            @RequestParam(required = false) String column, @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request, Model model) {
        SubmissionRow row = found(id);
        String shownCode = blankToNull(code);
        String shownColumn = blankToNull(column);
        model.addAttribute("row", row);
        model.addAttribute("code", shownCode);
        model.addAttribute("column", shownColumn);
        model.addAttribute("codes", submissions.rejectionCodes(id));
        model.addAttribute("columns", submissions.rejectionColumns(id));
        model.addAttribute("noColumn", SubmissionQueries.NO_COLUMN);
        model.addAttribute("rejections", ListPage.of(request, page, REJECTIONS_PAGE_SIZE,
                submissions.countRejections(id, shownCode, shownColumn),
                (offset, limit) -> submissions.rejections(id, shownCode, shownColumn, offset, limit)));
        model.addAttribute("feedback", row.period() != null
                && downloads.feedback(row.submitter(), row.period()).isPresent());
        model.addAttribute("annotated", submissions.annotatedCopy(id).map(home.root()::resolve)
                .filter(Files::isRegularFile).isPresent());
        return "submission";
    }

    /** The annotated copy (the original with the offending cells marked); it shows IDs in clear: admins only. */
    @GetMapping("/submissions/{id}/annotated")
    ResponseEntity<Resource> annotated(@PathVariable long id, HttpServletRequest request, Principal principal) {
        requireAdmin(request);
        found(id);
        Path copy = submissions.annotatedCopy(id).map(home.root()::resolve).filter(Files::isRegularFile)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        text("submission.no-annotated", String.valueOf(id))));
        audit.record(principal.getName(), "submission.annotated",
                text("audit.submission.file", String.valueOf(id), copy.getFileName().toString()));
        return attachment(copy, copy.getFileName().toString(), DownloadsController.XLSX);
    }

    /** The file as it was received; it holds resident IDs in clear: admins only, and each download is audited. */
    @GetMapping("/submissions/{id}/original")
    ResponseEntity<Resource> original(@PathVariable long id, HttpServletRequest request, Principal principal) {
        requireAdmin(request);
        SubmissionRow row = found(id);
        Path original = submissions.archivePath(id).map(home.root()::resolve).filter(Files::isRegularFile)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        text("submission.original.gone", String.valueOf(id))));
        audit.record(principal.getName(), "submission.original",
                text("audit.submission.file", String.valueOf(id), row.fileName()));
        return attachment(original, row.fileName(),
                MediaTypeFactory.getMediaType(row.fileName()).orElse(MediaType.APPLICATION_OCTET_STREAM));
    }

    /** The file as an attachment under the name given, which may be Chinese. */
    private static ResponseEntity<Resource> attachment(Path file, String name, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .body(new FileSystemResource(file));
    }

    private SubmissionRow found(long id) {
        return submissions.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        text("submission.missing", String.valueOf(id))));
    }

    private void requireAdmin(HttpServletRequest request) {
        if (!request.isUserInRole("ADMIN")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, text("submission.admins-only"));
        }
    }

    private String text(String key, Object... arguments) {
        return texts.getMessage(key, arguments);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
