package org.provincial.reporting.cli;

import java.util.ArrayList;
import java.util.List;

import org.provincial.reporting.collect.SourceLocation;

import picocli.CommandLine.Option;

/** The repeatable {@code --source}: an ftp://, ftps:// or sftp:// server root, or a local directory. */
class SourceOptions {

    @Option(names = "--source", paramLabel = "URL_OR_DIR",
            description = "ftp://user:pass@host:21/, ftps://…, sftp://…, or a local directory laid out the same way; "
                    + "repeatable (default: the sources configured in jobs/)")
    List<String> sources = new ArrayList<>();

    List<SourceLocation> parsed() {
        return sources.stream().map(SourceLocation::parse).toList();
    }

    /**
     * The sources given, then those of the job in jobs/ (their passwords from the environment) that are not given
     * and do carry a password: they supply the passwords a restart or an upload of pending feedback needs.
     */
    static List<SourceLocation> withJobSources(List<SourceLocation> given, List<SourceLocation> jobSources) {
        List<SourceLocation> all = new ArrayList<>(given);
        jobSources.stream()
                .filter(job -> job.password() == null || !job.password().isEmpty())
                .filter(job -> given.stream().noneMatch(source -> source.masked().equals(job.masked())))
                .forEach(all::add);
        return all;
    }
}
