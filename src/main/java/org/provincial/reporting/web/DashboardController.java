package org.provincial.reporting.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.publish.Publications;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.security.AuditLog;
import org.provincial.reporting.web.Completeness.Block;
import org.provincial.reporting.web.Completeness.State;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard: completeness of the province's cities and counties for a period against its deadline, its latest
 * runs and actions, the list of submitters still missing as a CSV file or a workbook, and 发布 of the range its figures
 * panel shows.
 */
@Controller
class DashboardController {

    /** The columns of the missing-submitters export, their headings under {@code missing.column.} in the bundle. */
    private static final List<String> MISSING_COLUMNS = List.of("city", "code", "name", "state", "counted", "rejected");

    private final Selections selections;
    private final SubmissionQueries submissions;
    private final RunHistory history;
    private final RegionReference regions;
    private final Downloads downloads;
    private final AuditLog audit;
    private final Publications publications;
    private final MessageSourceAccessor texts;

    DashboardController(Selections selections, SubmissionQueries submissions, RunHistory history,
            RegionReference regions, Downloads downloads, AuditLog audit, Publications publications,
            MessageSourceAccessor texts) {
        this.selections = selections;
        this.submissions = submissions;
        this.history = history;
        this.regions = regions;
        this.downloads = downloads;
        this.audit = audit;
        this.publications = publications;
        this.texts = texts;
    }

    @GetMapping("/")
    String dashboard(@RequestParam(required = false) String province, @RequestParam(required = false) String period,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        String shownProvince = selections.province(province);
        String shownPeriod = selections.period(shownProvince, period);
        List<Block> blocks = submissions.completeness(shownProvince, shownPeriod);
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, blocks.stream().flatMap(b -> b.cells().stream()).filter(c -> c.state() == state).count());
        }
        model.addAttribute("province", shownProvince);
        model.addAttribute("provinceName", regions.get(shownProvince).name());
        model.addAttribute("period", shownPeriod);
        model.addAttribute("provinces", selections.provinces());
        model.addAttribute("periods", selections.periods(shownProvince, shownPeriod));
        model.addAttribute("blocks", blocks);
        // the deadline of the period from its job in jobs/ (deadlineDay), and whether it has passed
        LocalDate today = LocalDate.now();
        Optional<LocalDate> deadline = selections.deadline(shownProvince, shownPeriod);
        model.addAttribute("deadline", deadline.orElse(null));
        model.addAttribute("overdueDays", deadline.filter(today::isAfter)
                .map(day -> ChronoUnit.DAYS.between(day, today)).orElse(null));
        model.addAttribute("counts", counts);
        model.addAttribute("datasets", DatasetMappings.DATASETS.size());
        model.addAttribute("runs", history.runs(shownProvince, null, 10));
        model.addAttribute("workbook", downloads.workbook(shownProvince, shownPeriod).isPresent());
        // the workbook link serves the latest revision when there is one
        model.addAttribute("published", publications.latestRevision(shownProvince, shownPeriod).orElse(null));
        model.addAttribute("audit", audit.recent(8));
        // the month or range of the figures panel (FiguresPanel); blank: the month shown
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "dashboard";
    }

    /**
     * 发布 on the figures panel: the range's figures become the next revision of the province and range (SPEC §10), once
     * the box is ticked; back to the dashboard showing the range, with what happened.
     */
    @PostMapping("/figures/publish")
    String publishRange(@RequestParam String province, @RequestParam(required = false) String period,
            @RequestParam String from, @RequestParam String to, @RequestParam(required = false) String note,
            @RequestParam(defaultValue = "false") boolean confirmed, Principal principal,
            RedirectAttributes redirect) {
        redirect.addAttribute("province", province);
        if (period != null) {
            redirect.addAttribute("period", period);
        }
        redirect.addAttribute("from", from);
        redirect.addAttribute("to", to);
        if (!confirmed) {
            redirect.addFlashAttribute("error", texts.getMessage("publish.not-confirmed"));
            return "redirect:/";
        }
        try {
            redirect.addFlashAttribute("notice", RunPagesController.published(texts,
                    publications.publishRange(principal.getName(), province, from, to, note)));
        }
        catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
            redirect.addFlashAttribute("error", texts.getMessage("publish.failed", new Object[] { e.getMessage() }));
        }
        return "redirect:/";
    }

    /**
     * The submitters of the province that have not counted every dataset for the period, with their state, as a CSV
     * file (UTF-8 with a byte order mark, so that Excel reads the Chinese).
     */
    @GetMapping("/missing.csv")
    ResponseEntity<byte[]> missing(@RequestParam(required = false) String province,
            @RequestParam(required = false) String period) {
        String shownProvince = selections.province(province);
        String shownPeriod = selections.period(shownProvince, period);
        StringBuilder csv = new StringBuilder("\uFEFF");
        for (List<String> row : missingRows(shownProvince, shownPeriod)) {
            csv.append(String.join(",", row.stream().map(DashboardController::quoted).toList())).append("\r\n");
        }
        return attachment(new MediaType("text", "csv", StandardCharsets.UTF_8),
                missingFile(shownProvince, shownPeriod) + ".csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The same list as {@link #missing} as a workbook of one sheet, 未报齐单位. */
    @GetMapping("/missing.xlsx")
    ResponseEntity<byte[]> missingWorkbook(@RequestParam(required = false) String province,
            @RequestParam(required = false) String period) throws IOException {
        String shownProvince = selections.province(province);
        String shownPeriod = selections.period(shownProvince, period);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet(texts.getMessage("missing.sheet"));
            List<List<String>> rows = missingRows(shownProvince, shownPeriod);
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            sheet.createFreezePane(0, 1);
            for (int c = 0; c < rows.get(0).size(); c++) {
                sheet.setColumnWidth(c, 16 * 256);
            }
            workbook.write(bytes);
        }
        return attachment(DownloadsController.XLSX, missingFile(shownProvince, shownPeriod) + ".xlsx",
                bytes.toByteArray());
    }

    /** The heading and, for each submitter that has not counted every dataset for the period, its row. */
    private List<List<String>> missingRows(String province, String period) {
        int datasets = DatasetMappings.DATASETS.size();
        List<List<String>> rows = new ArrayList<>();
        rows.add(MISSING_COLUMNS.stream().map(column -> texts.getMessage("missing.column." + column)).toList());
        for (Block block : submissions.completeness(province, period)) {
            for (Completeness.Cell cell : block.cells()) {
                if (cell.state() != State.SUBMITTED) {
                    rows.add(List.of(block.name(), cell.code(), cell.name(),
                            texts.getMessage("completeness.state." + cell.state().name()),
                            cell.counted().size() + "/" + datasets, String.join("、", cell.rejected())));
                }
            }
        }
        return rows;
    }

    /** The missing-submitters file's name without its extension: 未报送-640000-2025-01. */
    private String missingFile(String province, String period) {
        return texts.getMessage("missing.file", new Object[] { province, period });
    }

    private static ResponseEntity<byte[]> attachment(MediaType type, String fileName, byte[] body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    /** A CSV field, quoted when it holds a comma, quote or line break. */
    private static String quoted(String field) {
        return field.matches("(?s).*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
