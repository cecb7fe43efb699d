package org.provincial.reporting.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.provincial.reporting.collect.HostKeys;
import org.provincial.reporting.collect.SourceTrust;
import org.provincial.reporting.security.AuditLog;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sources trust}: the SFTP host keys the collector accepts (an admin's task, in the audit log). */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "The SFTP servers' host keys the collector trusts: trust (accept a server's current key; the "
                + "recorded keys are listed on the sources page of serve).",
        subcommands = SourcesCommand.Trust.class)
class SourcesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing the subcommand: trust");
    }

    /** {@code sources trust --host H --port P}: records the key the server presents now, replacing older ones. */
    @Command(name = "trust", mixinStandardHelpOptions = true,
            description = "Connect to the SFTP server (no password is sent), show its host key's SHA-256 fingerprint "
                    + "and record it in the known hosts file (REPORTING_COLLECT_KNOWN_HOSTS, default "
                    + "<home>/known_hosts) in place of the keys recorded for it. Check the fingerprint with the "
                    + "server's administrator first. Recorded in the audit log.")
    static class Trust implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "The SFTP server")
        String host;

        @Option(names = "--port", defaultValue = "22", paramLabel = "PORT", description = "Its port (default 22)")
        int port;

        @Mixin
        StorageOptions storage;

        @Override
        public Integer call() {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, not " + port);
            }
            try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
                HostKeys.Check check = context.getBean(SourceTrust.class).trust(host, port);
                Path file = context.getBean(HostKeys.class).file();
                PrintWriter out = spec.commandLine().getOut();
                if (check.verdict() == HostKeys.Verdict.KNOWN) {
                    out.printf("The host key of %s is already recorded in %s: %s%n", check.hostName(), file,
                            check.presentedFingerprint());
                }
                else {
                    context.getBean(AuditLog.class).record(UserCommand.actor(), SourceTrust.AUDIT_ACTION,
                            check.auditDetail());
                    out.printf("Recorded the host key of %s in %s: %s%s%n", check.hostName(), file,
                            check.presentedFingerprint(), check.recorded().isEmpty() ? ""
                                    : " (replaces " + check.recordedFingerprints() + ")");
                }
                out.flush();
                return 0;
            }
        }
    }
}
