package org.provincial.reporting.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** Where state lives: {@code --home} for the embedded database and the archive, or {@code --db} for a server. */
class StorageOptions {

    @Option(names = "--home", paramLabel = "DIR",
            description = "State directory: embedded database, archive of received files (default: $REPORTING_HOME or ./data)")
    Path home;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Use this PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://host:5432/reporting "
                    + "(user and password from SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD)")
    String database;

    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (home != null) {
            properties.put("reporting.home", home.toString());
        }
        if (database != null) {
            properties.put("spring.datasource.url", database);
        }
        return properties;
    }
}
