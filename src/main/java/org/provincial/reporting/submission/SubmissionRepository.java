package org.provincial.reporting.submission;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fixed SQL on the {@code submission} table, in one place (the SQL generated from the mappings stays beside its
 * generator). Runs in the caller's transaction, if any.
 */
@Repository
public class SubmissionRepository {

    private final JdbcClient jdbc;

    SubmissionRepository(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    /** A submission waiting to be ingested, with its size. */
    public record Received(long id, long sizeBytes) {
    }

    /** The first {@code limit} RECEIVED submissions of the province and period, in the order they were received. */
    public List<Received> received(String province, String period, int limit) {
        return jdbc.sql("""
                        select id, size_bytes from submission
                        where province = :province and period = :period and status = :status
                        order by received_at, id limit :limit""")
                .param("province", province).param("period", period).param("status", SubmissionStatus.RECEIVED.name())
                .param("limit", limit)
                .query((rs, i) -> new Received(rs.getLong("id"), rs.getLong("size_bytes"))).list();
    }

    /** How many submissions of the province and period are RECEIVED. */
    public int countReceived(String province, String period) {
        return jdbc.sql("""
                        select count(*) from submission
                        where province = :province and period = :period and status = :status""")
                .param("province", province).param("period", period).param("status", SubmissionStatus.RECEIVED.name())
                .query(Integer.class).single();
    }

    /** Records the ingest's verdict on a submission: its status and row counts, by which execution, when. */
    public void conclude(long submissionId, SubmissionStatus status, int rowsRead, int rowsAccepted,
            long jobExecutionId) {
        jdbc.sql("""
                        update submission set status = :status, rows_read = :read, rows_accepted = :accepted,
                               rows_rejected = :rejected, processed_by = :execution, processed_at = now()
                        where id = :id""")
                .param("status", status.name()).param("read", rowsRead).param("accepted", rowsAccepted)
                .param("rejected", rowsRead - rowsAccepted).param("execution", jobExecutionId)
                .param("id", submissionId).update();
    }
}
