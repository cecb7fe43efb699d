package org.provincial.reporting.web;

import java.nio.file.Path;
import java.security.Principal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.provincial.reporting.cumulative.RangeReports;
import org.provincial.reporting.publish.Publications;
import org.provincial.reporting.publish.PublishedWorkbook;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.storage.ReportingHome;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures of a month or range of months (SPEC §9) for staff and admins: {@code GET /api/totals/{province}?from&to}
 * (the {@code data} rows with both comparison columns, as JSON) and the range workbook
 * {@code GET /api/workbooks/{province}/{from}_{to}} (also under {@code /downloads/} for the pages), its latest
 * published revision first.
 */
@RestController
class TotalsApiController {

    private final RangeReports ranges;
    private final RegionReference regions;
    private final ReportingHome home;
    private final Publications publications;
    private final MessageSourceAccessor texts;

    TotalsApiController(RangeReports ranges, RegionReference regions, ReportingHome home, Publications publications,
            MessageSourceAccessor texts) {
        this.ranges = ranges;
        this.regions = regions;
        this.home = home;
        this.publications = publications;
        this.texts = texts;
    }

    /** {@code to} defaults to {@code from}: one month. */
    @GetMapping("/api/totals/{province}")
    Map<String, Object> totals(@PathVariable String province, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        List<Map<String, Object>> rows = new ArrayList<>();
        ReportPeriod period = ranges.figures(province, from, to == null ? from : to, figure -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("period", figure.period());
            row.put("dataset", figure.dataset());
            row.put("region_code", figure.regionCode());
            row.put("region_name", figure.regionName());
            row.put("level", figure.level());
            row.put("measure", figure.measure());
            row.put("breakdown", figure.breakdown());
            row.put("value", figure.value());
            row.put("previous_value", figure.previousValue());
            row.put("year_ago_value", figure.yearAgoValue());
            rows.add(row);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("province", period.province());
        body.put("province_name", regions.get(period.province()).name());
        body.put("period", period.key());
        body.put("from", period.from().toString());
        body.put("to", period.to().toString());
        body.put("missing_months", period.missing());
        body.put("previous_period", period.previous());
        body.put("year_ago_period", period.yearAgo());
        body.put("rows", rows);
        return body;
    }

    /**
     * The range's latest published revision (SPEC §10), or revision {@code revision}, with its number in
     * {@value DownloadsApiController#PUBLICATION_REVISION}; with {@code latest}, or while the range has no revision,
     * its workbook written anew under {@code <home>/ranges/} from the months' stored facts, marked 未发布.
     *
     * @throws NoSuchElementException there is no such revision
     */
    @GetMapping({ "/api/workbooks/{province}/{from}_{to}", "/downloads/workbooks/{province}/{from}_{to}" })
    ResponseEntity<Resource> workbook(@PathVariable String province, @PathVariable String from, @PathVariable String to,
            @RequestParam(defaultValue = "false") boolean latest, @RequestParam(required = false) Integer revision,
            Principal principal) {
        YearMonth[] bounds = ReportPeriod.bounds(from, to);
        if (!latest || revision != null) {
            String key = ReportPeriod.key(bounds[0], bounds[1]);
            Optional<PublishedWorkbook> published = publications.download(principal.getName(), province, key,
                    revision);
            if (published.isPresent()) {
                return Downloads.published(published.get());
            }
            if (revision != null) {
                throw new NoSuchElementException(texts.getMessage("download.no-revision",
                        new Object[] { province, key, String.valueOf(revision) }));
            }
        }
        Path workbook = ranges.write(province, from, to, home.root().resolve("ranges")).workbook();
        return ResponseEntity.ok()
                .contentType(DownloadsController.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(workbook.getFileName().toString()).build().toString())
                .body(new FileSystemResource(workbook));
    }
}
