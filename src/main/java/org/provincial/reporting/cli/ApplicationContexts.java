package org.provincial.reporting.cli;

import java.util.Map;

import org.provincial.reporting.ReportingApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring application for a command, with the command's options as properties. */
final class ApplicationContexts {

    private ApplicationContexts() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(ReportingApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
    }
}
