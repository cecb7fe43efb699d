package org.provincial.reporting.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.provincial.reporting.collect.CollectionResult.LeftFile;
import org.provincial.reporting.submission.SubmissionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Service;

/**
 * Collects every new file from each source into the home's archive and registers it as a submission: one Camel
 * route per source from the {@code collect-source} template, remembering what was collected in PostgreSQL
 * (table {@code collected_file}) so that a file is fetched again only when its size or modification time changes.
 */
@Service
public class SubmissionCollector {

    private static final Logger log = LoggerFactory.getLogger(SubmissionCollector.class);

    private final CamelContext camel;
    private final DataSource dataSource;
    private final SubmissionArchive archive;
    private final SubmissionRegistry registry;
    private final SubmissionRepository submissions;
    private final CollectProperties properties;
    private final SourceEndpoints endpoints;
    private final SourceTrust trust;
    private final FtpDirectories directories;
    private final MessageSourceAccessor texts;

    SubmissionCollector(CamelContext camel, DataSource dataSource, SubmissionArchive archive,
                        SubmissionRegistry registry, SubmissionRepository submissions, CollectProperties properties,
                        SourceEndpoints endpoints, SourceTrust trust, FtpDirectories directories,
                        MessageSourceAccessor texts) {
        this.camel = camel;
        this.dataSource = dataSource;
        this.archive = archive;
        this.registry = registry;
        this.submissions = submissions;
        this.properties = properties;
        this.endpoints = endpoints;
        this.trust = trust;
        this.directories = directories;
        this.texts = texts;
    }

    /** One source being collected: its route and its idempotent repository. */
    private record Collecting(String routeId, SourceRun run, JdbcMessageIdRepository repository) {
    }

    /**
     * Polls every source until each is drained — every file complete (unchanged over two listings) collected, or
     * left for a later run once the changing wait ended, which is recorded — and returns what was newly registered
     * and left. Stops and removes its routes before returning, also on failure. One collection runs at a time.
     *
     * @param province the run's province, named in the routes' ids
     * @throws UntrustedSourceException   when a source cannot prove who it is (before anything is collected)
     * @throws SourceUnavailableException when a source cannot be reached, listed or read (after the configured
     *                                    reconnect attempts), has no directory of its path (FTP, FTPS), or is not
     *                                    drained within the drain timeout
     * @throws IllegalStateException      when a received file cannot be archived or registered
     */
    public synchronized CollectionResult collect(String province, List<SourceLocation> sources, long jobExecutionId,
                                                 CollectionProgress progress) {
        Objects.requireNonNull(progress, "progress");
        List<Collecting> collecting = new ArrayList<>();
        Set<String> routeIds = new HashSet<>();
        try {
            archive.removeLeftovers();
            new LinkedHashSet<>(sources).forEach(trust::verify);
            new LinkedHashSet<>(sources).forEach(directories::require);
            for (SourceLocation source : new LinkedHashSet<>(sources)) {
                SourceRun run = new SourceRun(source, jobExecutionId, progress, archive, registry,
                        properties.reconnectAttempts(),
                        new StableFiles(properties.stableAfter(), properties.changingWait()), texts);
                Collecting next = new Collecting(routeId(province, source, routeIds), run, repository(source, run));
                collecting.add(next);
                start(next);
            }
            awaitDrained(collecting);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the incoming directory: " + e.getMessage(), e);
        }
        finally {
            collecting.forEach(this::remove);
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        collecting.forEach(c -> c.run().byStatus().forEach((status, n) -> byStatus.merge(status, n, Integer::sum)));
        List<LeftFile> left = new ArrayList<>();
        for (Collecting c : collecting) {
            c.run().stableFiles().left().forEach((path, size) -> {
                log.warn("Left {} on {} for a later run: still changing (size {}) after waiting {} s"
                        + " (reporting.collect.changing-wait)", path, c.run().source().masked(), size,
                        properties.changingWait().toSeconds());
                left.add(new LeftFile(c.run().source().masked(), path, size));
            });
        }
        registry.recordLeft(left, jobExecutionId);
        return new CollectionResult(byStatus.values().stream().mapToInt(Integer::intValue).sum(), byStatus, left);
    }

    /**
     * Makes the files of the province and period that an earlier version rejected DUPLICATE_FILE for bytes sent for
     * another month or dataset that period's submissions again, to be counted by this run; returns how many.
     */
    public int receiveDuplicatesOfOtherSubmissions(String province, String period) {
        return submissions.receiveDuplicatesOfOtherSubmissions(province, period);
    }

    /**
     * Runs the action while no collection of this process is going on (collections wait for it, and it for them):
     * the archive's files are neither being written nor about to be registered meanwhile.
     */
    public synchronized <T> T betweenCollections(Supplier<T> action) {
        return action.get();
    }

    /**
     * A route id that says what the route collects, {@code collect-<province>-<scheme>-<host>} (a local directory's
     * has no host), never the user or password; when an earlier source of the collection took it, the port is added,
     * then the directory, then a count. The id is added to {@code taken}.
     */
    static String routeId(String province, SourceLocation source, Set<String> taken) {
        String id = "collect-" + province + "-" + source.scheme().prefix()
                + (source.host() == null ? "" : "-" + source.host());
        List<String> qualifiers = source.host() == null ? List.of(source.directory())
                : List.of(String.valueOf(source.port()), source.directory());
        for (String qualifier : qualifiers) {
            if (taken.contains(id) && !qualifier.isEmpty()) {
                id += "-" + qualifier;
            }
        }
        String unique = id;
        for (int n = 2; !taken.add(unique); n++) {
            unique = id + "-" + n;
        }
        return unique;
    }

    /**
     * The source's idempotent repository on {@code collected_file}: Camel asks it whether a file was collected, and
     * its marks of collected files go to the source's run, which writes them with the file's batch.
     */
    private JdbcMessageIdRepository repository(SourceLocation source, SourceRun run) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, source.masked()) {
            @Override
            public boolean add(String key) {
                run.collected(key);
                return true;
            }
        };
        repository.setCreateTableIfNotExists(false);
        repository.setTableExistsString("select 1 from collected_file where 1 = 0");
        repository.setQueryString("select count(*) from collected_file where processor_name = ? and message_id = ?");
        repository.setDeleteString("delete from collected_file where processor_name = ? and message_id = ?");
        repository.setClearString("delete from collected_file where processor_name = ?");
        return repository;
    }

    private void start(Collecting collecting) {
        SourceRun run = collecting.run();
        log.info("Collecting from {} (route {})", run.source().masked(), collecting.routeId());
        ServiceHelper.startService(collecting.repository());
        try {
            TemplatedRouteBuilder.builder(camel, CollectRoutes.TEMPLATE)
                    .routeId(collecting.routeId())
                    .parameter(CollectRoutes.SOURCE_URI, endpoints.collectUri(run.source()))
                    .bean(CollectRoutes.IDEMPOTENT_REPOSITORY, collecting.repository())
                    .bean(CollectRoutes.FILTER, run.stableFiles())
                    .bean(CollectRoutes.RECEIVER, run)
                    .bean(CollectRoutes.FAILURE_HANDLER, (Processor) run::failed)
                    .add();
        }
        catch (Exception e) {
            SourceUnavailableException failure = run.unavailable(run.reason(e));
            log.warn("{} ({})", failure.getMessage(), run.technical(e));
            throw failure;
        }
    }

    private void awaitDrained(List<Collecting> collecting) {
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        List<RuntimeException> failures = new ArrayList<>();
        for (Collecting c : collecting) {
            try {
                c.run().drained().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (ExecutionException e) {
                failures.add((RuntimeException) e.getCause());
            }
            catch (TimeoutException e) {
                failures.add(c.run().unavailable(texts.getMessage("collect.reason.not-drained",
                        new Object[] { properties.drainTimeout().toSeconds() })));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while collecting from " + c.run().source().masked(), e);
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            String message = failures.stream().map(RuntimeException::getMessage).collect(Collectors.joining("; "));
            throw failures.stream().allMatch(SourceUnavailableException.class::isInstance)
                    ? new SourceUnavailableException(message) : new IllegalStateException(message);
        }
    }

    /** Stops and removes the route and its endpoint (whose URI holds the password), then the repository. */
    private void remove(Collecting collecting) {
        try {
            Route route = camel.getRoute(collecting.routeId());
            if (route != null) {
                Endpoint endpoint = route.getEndpoint();
                camel.getRouteController().stopRoute(collecting.routeId());
                camel.removeRoute(collecting.routeId());
                camel.removeEndpoint(endpoint);
            }
        }
        catch (Exception e) {
            log.warn("Cannot remove the route {} of {}: {}", collecting.routeId(),
                    collecting.run().source().masked(), collecting.run().reason(e));
        }
        finally {
            ServiceHelper.stopAndShutdownService(collecting.repository());
        }
    }
}
