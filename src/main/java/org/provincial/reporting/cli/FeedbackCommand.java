package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.feedback.FeedbackResult;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.pipeline.RunHistory;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code feedback --upload}: uploads the feedback of a province and period whose upload failed and is pending. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "Upload the feedback of a province and period whose upload failed (kept under the home).")
class FeedbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--upload", required = true, description = "Upload what is pending")
    boolean upload;

    @Option(names = "--province", required = true, paramLabel = "CODE", description = "Province code, e.g. 440000")
    String province;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "Reporting month, e.g. 2025-01")
    String period;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        List<SourceLocation> given;
        try {
            given = sourceOptions.parsed();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
            PrintWriter out = spec.commandLine().getOut();
            PipelineRunner runner = context.getBean(PipelineRunner.class);
            RunHistory history = context.getBean(RunHistory.class);
            List<String> pending = history.pendingUploads(province, period);
            if (pending.isEmpty()) {
                out.printf("No feedback upload of %s %s is pending%n", province, period);
                out.flush();
                return 0;
            }
            List<SourceLocation> sources = Passwords.complete("Uploading the pending feedback of " + province + " "
                    + period, history.pendingUploadSources(province, period), given,
                    context.getBean(JobDefinitions.class).forProvince(province), spec.commandLine());
            FeedbackResult result = runner.uploadPendingFeedback(province, period, sources);
            out.printf("Uploaded %d feedback file(s) of %s %s; %d upload(s) still pending%n", result.uploaded(),
                    province, period, result.uploadFailures().size());
            result.uploadFailures().forEach(failure -> out.printf("  %s%n", failure));
            out.flush();
            return result.uploadFailures().isEmpty() ? 0 : 1;
        }
    }
}
