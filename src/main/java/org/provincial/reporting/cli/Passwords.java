package org.provincial.reporting.cli;

import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.jobs.JobDefinition;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Makes sure a command that resumes work on sources (restart, feedback --upload) knows every password it will need
 * before it starts: from --source, from the province's job in jobs/ (environment variables), or typed at a prompt
 * when a terminal is attached; otherwise it refuses with exit status 2 and says how to give them.
 */
final class Passwords {

    /** What stands for the password in a printed command, for the user to fill in. */
    static final String PLACEHOLDER = "PASSWORD";

    private Passwords() {
    }

    /**
     * The sources given and those of the job, plus one typed at the prompt for each needed source whose password is
     * known from neither.
     *
     * @param what   what needs them, for the message, e.g. "Restarting execution 42"
     * @param needed the masked sources the work may connect to
     * @throws ParameterException (exit status 2) when a password is missing and no terminal is attached
     */
    static List<SourceLocation> complete(String what, List<String> needed, List<SourceLocation> given,
            Optional<JobDefinition> job, CommandLine commandLine) {
        List<SourceLocation> known = SourceOptions.withJobSources(given,
                job.map(JobDefinition::sources).orElse(List.of()));
        List<String> missing = needed.stream().filter(SourceLocation::hidesPassword)
                .filter(masked -> known.stream().noneMatch(source -> source.masked().equals(masked))).toList();
        if (missing.isEmpty()) {
            return known;
        }
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(commandLine, what + " needs the password of " + String.join(" and ", missing)
                    + ", which this process was not given. Give it in one of these ways: pass the source again, "
                    + String.join(" ", missing.stream().map(masked -> "--source '"
                            + SourceLocation.withPlaceholder(masked, PLACEHOLDER) + "'").toList())
                    + " (" + PLACEHOLDER + " replaced by the password); set the environment variable that "
                    + job.map(j -> "jobs/" + j.name() + ".yaml").orElse("the province's job in jobs/")
                    + " reads it from; or run the command in a terminal, which asks for it.");
        }
        List<SourceLocation> completed = new ArrayList<>(known);
        for (String masked : missing) {
            char[] typed = console.readPassword("Password for %s: ", masked);
            if (typed == null || typed.length == 0) {
                throw new ParameterException(commandLine, "No password given for " + masked);
            }
            completed.add(SourceLocation.parse(masked).withPassword(new String(typed)));
        }
        return completed;
    }

    /**
     * The --source arguments a printed command needs for the sources given on the command line that have a
     * password, the password as a placeholder; "" when there are none (the command then works as printed).
     */
    static String sourceArguments(List<SourceLocation> given) {
        StringBuilder arguments = new StringBuilder();
        for (SourceLocation source : given.stream().filter(s -> SourceLocation.hidesPassword(s.masked())).toList()) {
            arguments.append(" --source '").append(SourceLocation.withPlaceholder(source.masked(), PLACEHOLDER))
                    .append('\'');
        }
        return arguments.toString();
    }
}
