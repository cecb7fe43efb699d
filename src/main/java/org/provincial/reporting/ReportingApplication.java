package org.provincial.reporting;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * provincial-reporting's Spring application: the modules are the packages beneath this one. The entry point is
 * {@code org.provincial.reporting.cli.ReportingCli}, which starts it for each command.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportingApplication {
}
