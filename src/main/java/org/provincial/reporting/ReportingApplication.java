package org.provincial.reporting;

import org.provincial.reporting.cli.ReportingCli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** provincial-reporting: the entry point hands the command line to {@link ReportingCli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportingApplication {

    public static void main(String[] args) {
        System.exit(ReportingCli.execute(args));
    }
}
