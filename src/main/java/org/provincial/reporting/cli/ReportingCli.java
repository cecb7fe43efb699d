package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of SPEC §8: {@code run}, {@code restart}, {@code status}, {@code serve} (the default), {@code user}
 * to manage who may use {@code serve}, {@code purge}, {@code report} for a range of months (SPEC §9), and
 * {@code sources} for the SFTP host keys the collector trusts, and {@code feedback --upload} for pending feedback.
 * Exit status 0 when the job completed, 1 when it failed, 2 for bad arguments.
 */
@Command(name = "provincial-reporting", mixinStandardHelpOptions = true, version = "provincial-reporting 0.1",
        description = "Collects union submissions, validates, deduplicates and aggregates them into provincial totals.",
        subcommands = { RunCommand.class, RestartCommand.class, StatusCommand.class, ServeCommand.class,
                UserCommand.class, PurgeCommand.class, ReportCommand.class, SourcesCommand.class,
                PublishCommand.class, FeedbackCommand.class })
public class ReportingCli implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new ReportingCli());
        commandLine.setParameterExceptionHandler(ReportingCli::badArguments);
        commandLine.setExecutionExceptionHandler((failure, line, parseResult) -> {
            line.getErr().println(line.getColorScheme().errorText("Error: " + message(failure)));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine.execute(args.length == 0 ? new String[] { "serve" } : args);
    }

    @Override
    public Integer call() {
        return new CommandLine(new ServeCommand()).execute();
    }

    /**
     * Exit status 2 with the message, any suggestions and always the usage: picocli's default handler leaves the
     * usage out when it has a suggestion (an unknown or misspelled command).
     */
    private static int badArguments(ParameterException failure, String[] args) {
        CommandLine line = failure.getCommandLine();
        PrintWriter err = line.getErr();
        err.println(line.getColorScheme().errorText(failure.getMessage()));
        UnmatchedArgumentException.printSuggestions(failure, err);
        line.usage(err, line.getColorScheme());
        err.flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The innermost message, without stack traces: start-up failures are wrapped several times by Spring. */
    private static String message(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() == null ? innermost.toString() : innermost.getMessage();
    }
}
