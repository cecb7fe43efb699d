package org.provincial.reporting.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.publish.Publication;
import org.provincial.reporting.publish.PublishedWorkbook;
import org.provincial.reporting.publish.Publications;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.WorkbookWriter;
import org.provincial.reporting.storage.ReportingHome;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Finds the files people download: the workbook of a province and period (its latest published revision first, else
 * that of its latest completed run; and each completed run's own copy), and the feedback of a submitter for a period
 * (in that run's output, else the copy kept under the home).
 */
@Component
class Downloads {

    private final RunHistory history;
    private final RegionReference regions;
    private final ReportingHome home;
    private final Publications publications;
    private final MessageSourceAccessor texts;

    Downloads(RunHistory history, RegionReference regions, ReportingHome home, Publications publications,
            MessageSourceAccessor texts) {
        this.history = history;
        this.regions = regions;
        this.home = home;
        this.publications = publications;
        this.texts = texts;
    }

    /**
     * The workbook a person asked for, for the pages and the API alike (SPEC §10): the latest published revision, or
     * revision {@code revision}, with its number in {@value DownloadsApiController#PUBLICATION_REVISION}; with
     * {@code latest}, or while nothing is published, the latest run's workbook (marked 未发布) — unless that run is
     * the one published, whose revision it then is.
     *
     * @throws NoSuchElementException there is no such revision, or no completed run
     */
    ResponseEntity<Resource> workbook(String actor, String province, String period, boolean latest,
            Integer revision) {
        if (!latest || revision != null || latestRunPublished(province, period).isPresent()) {
            Optional<PublishedWorkbook> published = publications.download(actor, province, period, revision);
            if (published.isPresent()) {
                return published(published.get());
            }
            if (revision != null) {
                throw new NoSuchElementException(texts.getMessage("download.no-revision",
                        new Object[] { province, period, String.valueOf(revision) }));
            }
        }
        return DownloadsController.file(workbook(province, period)
                .orElseThrow(() -> new NoSuchElementException(texts.getMessage("download.no-workbook",
                        new Object[] { province, period }))));
    }

    /** The latest revision when it is of the latest completed run: then the run's figures are published. */
    Optional<Publication> latestRunPublished(String province, String period) {
        Optional<Long> latestRun = publications.latestCompleted(province, period);
        return publications.latestRevision(province, period)
                .filter(revision -> latestRun.isPresent() && latestRun.get().equals(revision.executionId()));
    }

    Optional<Path> workbook(String province, String period) {
        return history.latestOutput(province, period)
                .map(out -> out.resolve(WorkbookWriter.fileName(province, period)))
                .filter(Files::isRegularFile);
    }

    /** The workbook a completed run wrote as its own (runs before these copies were kept have none). */
    Optional<Path> runWorkbook(RunRecord run) {
        if (!"COMPLETED".equals(run.status())) {
            return Optional.empty();
        }
        return history.output(run.id())
                .map(out -> RunHistory.runWorkbook(out, run.id(), WorkbookWriter.fileName(run.province(), run.period())))
                .filter(Files::isRegularFile);
    }

    Optional<Path> feedback(String submitter, String period) {
        return regions.find(submitter)
                .flatMap(region -> find(feedbackDirectories(region.provinceCode(), period), submitter, period));
    }

    /** The submitters of the province that have feedback for the period, by code. */
    List<String> feedbackSubmitters(String province, String period) {
        List<Path> directories = feedbackDirectories(province, period);
        return regions.regionsOf(province).stream().map(Region::code)
                .filter(code -> find(directories, code, period).isPresent())
                .toList();
    }

    private List<Path> feedbackDirectories(String province, String period) {
        return Stream.concat(history.latestOutput(province, period).map(out -> out.resolve("feedback")).stream(),
                Stream.of(home.root().resolve("feedback").resolve(period))).toList();
    }

    /** A revision's workbook as downloaded, its number in {@value DownloadsApiController#PUBLICATION_REVISION}. */
    static ResponseEntity<Resource> published(PublishedWorkbook workbook) {
        return ResponseEntity.ok()
                .contentType(DownloadsController.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(workbook.publication().fileName()).build().toString())
                .header(DownloadsApiController.PUBLICATION_REVISION, String.valueOf(workbook.publication().revision()))
                .body(new ByteArrayResource(workbook.bytes()));
    }

    private static Optional<Path> find(List<Path> directories, String submitter, String period) {
        return directories.stream().map(directory -> directory.resolve(submitter + "-" + period + ".xlsx"))
                .filter(Files::isRegularFile).findFirst();
    }
}
