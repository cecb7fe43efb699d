package org.provincial.reporting.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the web application and the schedules; not built yet, so it says so. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the web application and the schedules in jobs/ (not available yet).")
class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("serve: the web application and schedules are not available yet; "
                + "use `run`, `restart` and `status`.");
        return 1;
    }
}
