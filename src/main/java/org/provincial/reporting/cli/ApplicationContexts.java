package org.provincial.reporting.cli;

import java.util.Map;

import org.provincial.reporting.ReportingApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring application for a command. The command's options go in as command-line properties, which
 * take precedence over application.properties and the environment (builder default properties would not).
 */
final class ApplicationContexts {

    private ApplicationContexts() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ReportingApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments);
    }
}
