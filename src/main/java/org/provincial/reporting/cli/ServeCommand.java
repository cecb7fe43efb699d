package org.provincial.reporting.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.provincial.reporting.security.UserAccounts;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the web application (pages, REST API, health and metrics) and the schedules of jobs/, until the
 * process is stopped. At start-up, executions a crash left marked as running are recovered.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the web application (pages, REST API, health, metrics) and the schedules in jobs/ until stopped.")
class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface)")
    String bind;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = start();
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (!context.isActive()) {
            return 0;
        }
        int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        spec.commandLine().getOut().printf("Serving on http://%s:%d/ (stop with Ctrl+C)%n",
                bind.contains(":") ? "[" + bind + "]" : bind, actualPort);
        if (context.getBean(UserAccounts.class).list().isEmpty()) {
            spec.commandLine().getOut().println("There is no user yet: add one with "
                    + "`java -jar target/provincial-reporting.jar user add NAME --role admin`");
        }
        spec.commandLine().getOut().flush();
        closed.await();
        return 0;
    }

    /** Starts the web application on the port and returns once it serves. */
    ConfigurableApplicationContext start() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
        }
        try {
            InetAddress.getByName(bind);
        }
        catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--bind must be an address of this machine, not " + bind);
        }
        try {
            sourceOptions.parsed();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, Object> properties = storage.properties();
        properties.put("spring.main.web-application-type", "servlet");
        properties.put("server.port", port);
        properties.put("server.address", bind);
        properties.put("reporting.serve.enabled", true);
        List<String> sources = sourceOptions.sources;
        for (int i = 0; i < sources.size(); i++) {
            properties.put("reporting.serve.sources[" + i + "]", sources.get(i));
        }
        return ApplicationContexts.start(properties);
    }
}
