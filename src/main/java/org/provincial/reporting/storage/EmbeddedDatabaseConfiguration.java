package org.provincial.reporting.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs PostgreSQL from the zonky binaries inside the home when no {@code spring.datasource.url} is configured.
 * The data outlives the process; durability settings are those of a real server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoragePropertiesConfiguration.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    ReportingHome reportingHome(StoragePropertiesConfiguration properties) {
        return ReportingHome.open(properties.home() == null ? Path.of("data") : properties.home());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
    EmbeddedPostgres embeddedPostgres(ReportingHome home, StoragePropertiesConfiguration properties) {
        Path dataDirectory = home.databaseDirectory();
        stopOrphanedServer(dataDirectory);
        try {
            Files.createDirectories(dataDirectory);
            log.info("Starting embedded PostgreSQL in {}", dataDirectory);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(properties.embeddedDatabasePort())
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setPoolName("embedded");
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    /**
     * A process killed with SIGKILL leaves its PostgreSQL running and holding postmaster.pid. Holding the home's
     * lock proves no live process of ours owns that server, so it is shut down (fast mode) before starting again.
     */
    private static void stopOrphanedServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(orphan -> {
                log.warn("Stopping the orphaned embedded PostgreSQL (pid {}) left by an earlier process", pid);
                try {
                    new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
                    orphan.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
                catch (Exception e) {
                    throw new IllegalStateException("Cannot stop the orphaned PostgreSQL with pid " + pid, e);
                }
            });
        }
        catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            log.warn("Ignoring an unreadable {}: {}", pidFile, e.getMessage());
        }
    }

}
