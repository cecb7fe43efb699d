package org.provincial.reporting.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
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
                    // not on zonky's own JVM shutdown hook, which would stop the server at once on SIGTERM while a
                    // run still writes: the context stops it (destroy method) after the runs have stopped
                    .setRegisterShutdownHook(false)
                    .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
    HikariDataSource dataSource(EmbeddedPostgres postgres,
            @Value("${spring.datasource.hikari.connection-init-sql:}") String connectionInitSql) {
        HikariConfig config = new HikariConfig();
        if (!connectionInitSql.isBlank()) {
            config.setConnectionInitSql(connectionInitSql);
        }
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setPoolName("embedded");
        config.setMaximumPoolSize(8);
        // the server is ours and local: when it is gone (stopped or killed under a run) nothing brings it back, so
        // the run fails within seconds instead of Hikari's default 30 s for each of the job repository's last updates
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        return new HikariDataSource(config);
    }

    /**
     * A process killed with SIGKILL leaves its PostgreSQL running and holding postmaster.pid. Holding the home's
     * lock proves no live process of ours owns that server, so it is shut down (fast mode) before starting again.
     * After a power cut the file is stale and its pid may belong to an unrelated process: only the postgres server of
     * this data directory is stopped; a file naming another live program is removed (PostgreSQL would refuse to
     * start), and one naming a dead process is left to PostgreSQL, which replaces it itself.
     */
    static void stopOrphanedServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            pid = Long.parseLong(lines.get(0).trim());
        }
        catch (IOException | RuntimeException e) {
            log.warn("Ignoring an unreadable {}: {}", pidFile, e.getMessage());
            return;
        }
        Optional<ProcessHandle> live = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (live.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> orphan = live.filter(process -> isPostgresOf(process, dataDirectory));
        if (orphan.isEmpty()) {
            // PostgreSQL would refuse to start while the pid is alive, whoever it is now
            log.warn("Removing the stale {}: its pid {} is now another program", pidFile, pid);
            try {
                Files.deleteIfExists(pidFile);
            }
            catch (IOException e) {
                log.warn("Cannot remove {}: {}", pidFile, e.getMessage());
            }
            return;
        }
        log.warn("Stopping the orphaned embedded PostgreSQL (pid {}) left by an earlier process", pid);
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(10, TimeUnit.SECONDS);
            try {
                orphan.get().onExit().get(60, TimeUnit.SECONDS);
            }
            catch (TimeoutException e) {
                log.warn("The orphaned PostgreSQL (pid {}) did not stop within 60 s; killing it", pid);
                orphan.get().destroyForcibly();
                orphan.get().onExit().get(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL with pid " + pid, e);
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot stop the orphaned PostgreSQL with pid " + pid + " (its data is in "
                    + dataDirectory + "); stop it by hand and try again", e);
        }
    }

    /**
     * Whether the process is the postgres server of that data directory, as far as the platform tells its command
     * line: a pid reused by another program, or by the server of another home, is left alone.
     */
    private static boolean isPostgresOf(ProcessHandle process, Path dataDirectory) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            return true;
        }
        String name = Path.of(command.get()).getFileName().toString();
        if (!name.equals("postgres") && !name.equals("postmaster") && !name.equals("postgres.exe")) {
            return false;
        }
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty() || !List.of(arguments.get()).contains("-D")) {
            return true;
        }
        Path own = dataDirectory.toAbsolutePath().normalize();
        return List.of(arguments.get()).stream().anyMatch(argument -> {
            try {
                return Path.of(argument).toAbsolutePath().normalize().equals(own);
            }
            catch (RuntimeException e) {
                return false;
            }
        });
    }

}
