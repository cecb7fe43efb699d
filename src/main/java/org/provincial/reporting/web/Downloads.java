package org.provincial.reporting.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunRecord;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.WorkbookWriter;
import org.provincial.reporting.storage.ReportingHome;

import org.springframework.stereotype.Component;

/**
 * Finds the files people download: the workbook of the latest completed run of a province and period (and each
 * completed run's own copy), and the
 * feedback of a submitter for a period (in that run's output, else the copy kept under the home).
 */
@Component
class Downloads {

    private final PipelineRunner runner;
    private final RegionReference regions;
    private final ReportingHome home;

    Downloads(PipelineRunner runner, RegionReference regions, ReportingHome home) {
        this.runner = runner;
        this.regions = regions;
        this.home = home;
    }

    Optional<Path> workbook(String province, String period) {
        return runner.latestOutput(province, period)
                .map(out -> out.resolve(WorkbookWriter.fileName(province, period)))
                .filter(Files::isRegularFile);
    }

    /** The workbook a completed run wrote as its own (runs before these copies were kept have none). */
    Optional<Path> runWorkbook(RunRecord run) {
        if (!"COMPLETED".equals(run.status())) {
            return Optional.empty();
        }
        return runner.output(run.id())
                .map(out -> PipelineRunner.runWorkbook(out, run.id(), WorkbookWriter.fileName(run.province(), run.period())))
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
        return Stream.concat(runner.latestOutput(province, period).map(out -> out.resolve("feedback")).stream(),
                Stream.of(home.root().resolve("feedback").resolve(period))).toList();
    }

    private static Optional<Path> find(List<Path> directories, String submitter, String period) {
        return directories.stream().map(directory -> directory.resolve(submitter + "-" + period + ".xlsx"))
                .filter(Files::isRegularFile).findFirst();
    }
}
