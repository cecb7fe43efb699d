package org.provincial.reporting.pipeline;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one run: province and period (with a run number, identifying the job instance), the sources
 * in their masked form, where the workbooks go, and the share of invalid rows that rejects a file.
 */
public record RunParameters(String province, String period, long run, List<String> maskedSources, Path out,
        double rejectThreshold) {

    static final String PROVINCE = "province";
    static final String PERIOD = "period";
    static final String RUN = "run";
    static final String SOURCES = "sources";
    static final String OUT = "out";
    static final String REJECT_THRESHOLD = "rejectThreshold";

    JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(PROVINCE, province)
                .addString(PERIOD, period)
                .addLong(RUN, run)
                .addString(SOURCES, String.join("\n", maskedSources), false)
                .addString(OUT, out.toAbsolutePath().toString(), false)
                .addDouble(REJECT_THRESHOLD, rejectThreshold, false)
                .toJobParameters();
    }

    static List<String> splitSources(String sources) {
        return sources == null || sources.isBlank() ? List.of() : Arrays.asList(sources.split("\n"));
    }
}
