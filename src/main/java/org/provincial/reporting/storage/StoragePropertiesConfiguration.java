package org.provincial.reporting.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where state lives: {@code reporting.home} (the embedded database, the archive, the workbooks) and the port
 * of the embedded PostgreSQL (0 picks a free one).
 */
@ConfigurationProperties("reporting")
public record StoragePropertiesConfiguration(Path home, int embeddedDatabasePort) {
}
