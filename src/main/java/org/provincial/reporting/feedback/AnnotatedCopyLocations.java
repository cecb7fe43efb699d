package org.provincial.reporting.feedback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.storage.ReportingHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Where every annotated copy (the original with marks, resident IDs in clear) was written — under the home, in each
 * output folder, on each source it was uploaded to — so that the retention purge deletes each one once its
 * submission's original is purged, and tries again next time for those it could not reach.
 */
@Component
public class AnnotatedCopyLocations {

    private static final Logger log = LoggerFactory.getLogger(AnnotatedCopyLocations.class);

    private static final String COLUMNS = "c.id, c.kind, c.source, c.path, c.failure";

    /**
     * One place a copy was written.
     *
     * @param kind     {@code home} (path below the home), {@code local} (an output folder's copy, absolute path) or
     *                 {@code remote} (path below the root of the source)
     * @param source   for a remote copy the source URL, password masked; empty otherwise
     * @param location where it is, as people read it (never a password)
     * @param failure  why the last purge could not delete it; null when none tried
     */
    public record Copy(long id, String kind, String source, String path, String location, String failure) {
    }

    /**
     * What a purge did with the copies of purged submissions.
     *
     * @param deleted the copies deleted now (or found gone)
     * @param pending the copies still there, each with the reason: the next purge tries again
     */
    public record Removal(List<Copy> deleted, List<Copy> pending) {
    }

    private final JdbcTemplate jdbc;
    private final ReportingHome home;
    private final FeedbackUploader uploader;
    private final SourceCredentials credentials;
    private final JobDefinitions jobs;

    AnnotatedCopyLocations(JdbcTemplate jdbc, ReportingHome home, FeedbackUploader uploader,
            SourceCredentials credentials, JobDefinitions jobs) {
        this.jdbc = jdbc;
        this.home = home;
        this.uploader = uploader;
        this.credentials = credentials;
        this.jobs = jobs;
    }

    /**
     * Records the places of a copy just written to {@code written}: there, under the home where {@code kept} will
     * be, and in the submitter's feedback directory on each source; before it is kept or uploaded, so that no copy
     * exists unrecorded.
     */
    void record(long submissionId, String submitter, Path written, Path kept, Collection<String> sources) {
        String name = written.getFileName().toString();
        List<Object[]> places = new ArrayList<>();
        places.add(new Object[] { submissionId, "local", "", written.toAbsolutePath().normalize().toString() });
        places.add(new Object[] { submissionId, "home", "",
                home.root().toAbsolutePath().relativize(kept.toAbsolutePath()).toString() });
        sources.forEach(source -> places.add(new Object[] { submissionId, "remote", source,
                submitter + "/feedback/" + name }));
        jdbc.batchUpdate("""
                insert into annotated_copy (submission_id, kind, source, path) values (?, ?, ?, ?)
                on conflict (kind, source, path) do update
                set submission_id = excluded.submission_id, written_at = now(), removed_at = null,
                    attempted_at = null, failure = null""", places);
    }

    /** The copies of these submissions not deleted yet. */
    public List<Copy> of(Long[] submissionIds) {
        return jdbc.query("select " + COLUMNS + " from annotated_copy c"
                + " where c.submission_id = any(?) and c.removed_at is null order by c.id", copy(), (Object) submissionIds);
    }

    /** The copies of purged submissions not deleted yet: those a purge could not reach (or one killed midway left). */
    public List<Copy> pending() {
        return jdbc.query("select " + COLUMNS + """
                 from annotated_copy c join submission s on s.id = c.submission_id
                where s.purged_at is not null and c.removed_at is null order by c.id""", copy());
    }

    /**
     * Deletes every copy of a purged submission still recorded as present: local ones from the disk, remote ones
     * from their sources with the credentials of this process's runs or of the jobs in jobs/.
     */
    public Removal removePurged() {
        List<Copy> copies = pending();
        if (copies.isEmpty()) {
            return new Removal(List.of(), List.of());
        }
        rememberJobSources();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, List<Copy>> remoteBySource = new LinkedHashMap<>();
        for (Copy copy : copies) {
            if (copy.kind().equals("remote")) {
                remoteBySource.computeIfAbsent(copy.source(), source -> new ArrayList<>()).add(copy);
                continue;
            }
            try {
                Files.deleteIfExists(Path.of(copy.location()));
            }
            catch (IOException e) {
                failures.put(copy.location(), e.toString());
            }
        }
        remoteBySource.forEach((source, onSource) -> uploader
                .delete(source, onSource.stream().map(Copy::path).toList())
                .forEach((path, reason) -> failures.put(location("remote", source, path), reason)));
        List<Copy> deleted = new ArrayList<>();
        List<Copy> pending = new ArrayList<>();
        for (Copy copy : copies) {
            String failure = failures.get(copy.location());
            if (failure == null) {
                jdbc.update("update annotated_copy set removed_at = now(), failure = null where id = ?", copy.id());
                deleted.add(copy);
            }
            else {
                jdbc.update("update annotated_copy set attempted_at = now(), failure = ? where id = ?", failure,
                        copy.id());
                log.warn("Cannot delete the annotated copy {} of a purged original: {}; the next purge tries again",
                        copy.location(), failure);
                pending.add(new Copy(copy.id(), copy.kind(), copy.source(), copy.path(), copy.location(), failure));
            }
        }
        return new Removal(deleted, pending);
    }

    /**
     * The sources of jobs/ supply the passwords no run of this process gave (the purge on the command line); a
     * password a run gave stays the one used.
     */
    private void rememberJobSources() {
        for (JobDefinition job : jobs.all()) {
            for (SourceLocation source : job.sources()) {
                try {
                    credentials.resolve(source.masked());
                }
                catch (IllegalStateException unknownPassword) {
                    credentials.remember(List.of(source));
                }
            }
        }
    }

    private RowMapper<Copy> copy() {
        return (rs, i) -> new Copy(rs.getLong("id"), rs.getString("kind"), rs.getString("source"),
                rs.getString("path"), location(rs.getString("kind"), rs.getString("source"), rs.getString("path")),
                rs.getString("failure"));
    }

    /** A copy's place as people read it: an absolute path, or the masked source URL followed by the path. */
    private String location(String kind, String source, String path) {
        return switch (kind) {
            case "home" -> home.root().toAbsolutePath().resolve(path).toString();
            case "remote" -> (source.endsWith("/") ? source : source + "/") + path;
            default -> path;
        };
    }
}
