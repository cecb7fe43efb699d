package org.provincial.reporting.retention;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the purges did, as {@link RetentionPurge} records it in {@code retention_purge}: which months of a province
 * were purged (no run may recompute them, no range may count them again) and the latest purges for the retention page.
 */
@Component
public class PurgeLog {

    /** One row of retention_purge; province and period null for the files whose name gave none. */
    public record Purge(OffsetDateTime purgedAt, String province, String period, int months, int submissions,
            long stagedRows, int files, long bytes, int annotatedCopies) {
    }

    private final JdbcTemplate jdbc;

    PurgeLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The months of the province ({@code YYYY-MM}) whose staged rows the retention setting purged. */
    public Set<String> purgedPeriods(String province) {
        return new TreeSet<>(jdbc.queryForList(
                "select distinct trim(period) from retention_purge where province = ? and period is not null",
                String.class, province));
    }

    /** The day the province and period were first purged; empty when they never were. */
    public Optional<LocalDate> purgedOn(String province, String period) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select min(purged_at)::date from retention_purge where province = ? and period = ?", LocalDate.class,
                province, period));
    }

    /** The latest {@code limit} purges, newest first. */
    public List<Purge> latest(int limit) {
        return jdbc.query("""
                select purged_at, province, period, retention_months, submissions, staged_rows, files, bytes,
                       annotated_copies
                from retention_purge order by purged_at desc, id desc limit ?""",
                (rs, i) -> new Purge(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), rs.getLong(6), rs.getInt(7), rs.getLong(8), rs.getInt(9)),
                limit);
    }
}
