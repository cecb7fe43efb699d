package org.provincial.reporting.web;

import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.provincial.reporting.checks.CheckRules;
import org.provincial.reporting.checks.CheckWarning;
import org.provincial.reporting.checks.Checks;
import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.publish.Publication;
import org.provincial.reporting.publish.Publications;
import org.provincial.reporting.report.PublicationDifferences;
import org.provincial.reporting.report.PublicationDifferences.Comparison;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The runs list, a run's page with its steps, its period's warnings for review and what changed since publication, and
 * the admin's launch, restart, stop, upload-feedback and publish buttons.
 */
@Controller
class RunPagesController {

    private static final int PAGE_SIZE = 50;

    /** The changed figures shown on a run's page; all of them are in its workbook's sheet 与发布版差异. */
    static final int DIFFERENCES_SHOWN = 200;

    private final RunHistory history;
    private final AdminActions actions;
    private final Downloads downloads;
    private final Selections selections;
    private final Checks checks;
    private final Publications publications;
    private final PublicationDifferences differences;
    private final MessageSourceAccessor texts;

    RunPagesController(RunHistory history, AdminActions actions, Downloads downloads, Selections selections,
            Checks checks, Publications publications, PublicationDifferences differences, MessageSourceAccessor texts) {
        this.history = history;
        this.actions = actions;
        this.downloads = downloads;
        this.selections = selections;
        this.checks = checks;
        this.publications = publications;
        this.differences = differences;
        this.texts = texts;
    }

    @GetMapping("/runs")
    String runs(@RequestParam(required = false) String province, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "1") int page, HttpServletRequest request, Model model) {
        String shownProvince = blankToNull(province);
        String shownPeriod = blankToNull(period);
        model.addAttribute("province", shownProvince);
        model.addAttribute("period", shownPeriod);
        model.addAttribute("page", ListPage.of(request, page, PAGE_SIZE, history.countRuns(shownProvince, shownPeriod),
                (offset, limit) -> history.runs(shownProvince, shownPeriod, offset, limit)));
        model.addAttribute("provinces", selections.provinces());
        model.addAttribute("periods", selections.periods(selections.province(shownProvince), shownPeriod));
        return "runs";
    }

    /**
     * A run's page; {@code importance} (高, 中 or 低) narrows the warnings of its period's checks to that importance, on
     * the server, so that the filter's links work without script.
     */
    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, @RequestParam(required = false) String importance, Model model) {
        RunRecord run = existing(id);
        String shownImportance = blankToNull(importance);
        if (shownImportance != null && !CheckRules.IMPORTANCES.contains(shownImportance)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, text("checks.importance.invalid", shownImportance));
        }
        List<CheckWarning> warnings = checks.find(run.province(), run.period());
        model.addAttribute("importances", CheckRules.IMPORTANCES);
        model.addAttribute("importance", shownImportance);
        model.addAttribute("warningCounts", CheckRules.IMPORTANCES.stream().collect(Collectors.toMap(level -> level,
                level -> warnings.stream().filter(w -> w.importance().equals(level)).count())));
        model.addAttribute("warningTotal", warnings.size());
        model.addAttribute("warnings", warnings.stream()
                .filter(w -> shownImportance == null || w.importance().equals(shownImportance)).toList());
        model.addAttribute("run", run);
        model.addAttribute("steps", history.steps(id));
        model.addAttribute("workbook", "COMPLETED".equals(run.status())
                && downloads.workbook(run.province(), run.period()).isPresent());
        model.addAttribute("ownWorkbook", downloads.runWorkbook(run).isPresent());
        model.addAttribute("summary", history.summary(id).orElseThrow());
        model.addAttribute("leftFiles", history.leftFiles(id));
        model.addAttribute("pendingUploads", history.pendingUploads(run.province(), run.period()));
        // a failed or stopped run that no later execution has resumed yet
        model.addAttribute("restartable", ("FAILED".equals(run.status()) || "STOPPED".equals(run.status()))
                && history.resumedBy(id).isEmpty());
        model.addAttribute("resumedBy", history.resumedBy(id).orElse(null));
        Optional<Comparison> comparison = differences.comparison(id);
        model.addAttribute("comparison", comparison.orElse(null));
        model.addAttribute("differences", comparison.map(c -> differences.differences(id, DIFFERENCES_SHOWN))
                .orElse(List.of()));
        model.addAttribute("revisions", publications.revisions(run.province(), run.period()).stream()
                .filter(revision -> Long.valueOf(id).equals(revision.executionId())).toList());
        model.addAttribute("publishable", "COMPLETED".equals(run.status())
                && publications.latestCompleted(run.province(), run.period()).map(latest -> latest == id).orElse(false));
        model.addAttribute("republish", publications.latestRevision(run.province(), run.period()).isPresent());
        return "run";
    }

    /** What a publish from a page says it did. */
    static String published(MessageSourceAccessor texts, Publication published) {
        return texts.getMessage("publish.done", new Object[] { published.province(), published.period(),
                String.valueOf(published.revision()), published.sha256() });
    }

    /** 发布: the run's figures become the next revision of its province and period, once the box is ticked. */
    @PostMapping("/runs/{id}/publish")
    String publish(@PathVariable long id, @RequestParam(required = false) String note,
            @RequestParam(defaultValue = "false") boolean confirmed, Principal principal, RedirectAttributes redirect) {
        RunRecord run = history.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, text("run.missing", String.valueOf(id))));
        if (!confirmed) {
            redirect.addFlashAttribute("error", text("publish.not-confirmed"));
            return "redirect:/runs/" + id;
        }
        try {
            redirect.addFlashAttribute("notice", published(texts, publications.publish(principal.getName(), run.province(),
                    run.period(), id, note)));
        }
        catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
            redirect.addFlashAttribute("error", text("publish.failed", e.getMessage()));
        }
        return "redirect:/runs/" + id;
    }

    @PostMapping("/runs")
    String launch(@RequestParam String province, @RequestParam String period, Principal principal,
            RedirectAttributes redirect) {
        try {
            long id = actions.launch(principal.getName(), province.strip(), period.strip());
            redirect.addFlashAttribute("notice", text("run.launched", String.valueOf(id)));
            return "redirect:/runs/" + id;
        }
        catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", text("run.launch.failed", e.getMessage()));
            redirect.addAttribute("province", province);
            redirect.addAttribute("period", period);
            return "redirect:/";
        }
    }

    @PostMapping("/runs/{id}/restart")
    String restart(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        try {
            long resumed = actions.restart(principal.getName(), id);
            redirect.addFlashAttribute("notice", text("run.restarted", String.valueOf(id), String.valueOf(resumed)));
            return "redirect:/runs/" + resumed;
        }
        catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
            redirect.addFlashAttribute("error", text("run.restart.failed", e.getMessage()));
            return "redirect:/runs/" + id;
        }
    }

    @PostMapping("/runs/{id}/upload-feedback")
    String uploadFeedback(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        RunRecord run = existing(id);
        try {
            FeedbackResult result = actions.uploadFeedback(principal.getName(), run.province(), run.period());
            if (result.uploadFailures().isEmpty()) {
                redirect.addFlashAttribute("notice", text("run.feedback.uploaded", result.uploaded()));
            }
            else {
                redirect.addFlashAttribute("error", text("run.feedback.partly", result.uploaded(),
                        result.uploadFailures().size(), result.uploadFailures().get(0)));
            }
        }
        catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", text("run.feedback.failed", e.getMessage()));
        }
        return "redirect:/runs/" + id;
    }

    @PostMapping("/runs/{id}/stop")
    String stop(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        try {
            actions.stop(principal.getName(), id);
            redirect.addFlashAttribute("notice", text("run.stop.requested", String.valueOf(id)));
        }
        catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
            redirect.addFlashAttribute("error", text("run.stop.failed", e.getMessage()));
        }
        return "redirect:/runs/" + id;
    }

    /** The run, or the page 404 when there is none. */
    private RunRecord existing(long id) {
        try {
            return actions.find(id);
        }
        catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage(), e);
        }
    }

    private String text(String key, Object... arguments) {
        return texts.getMessage(key, arguments);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
