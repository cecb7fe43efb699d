package org.provincial.reporting.submission;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fixed SQL on the {@code rejection} table, the reasons a file or a row of a submission was rejected, in one place
 * (the ingest's COPY of row reasons and the SQL generated from the mappings stay beside their generators). Runs in
 * the caller's transaction, if any.
 */
@Repository
public class RejectionRepository {

    private final JdbcClient jdbc;

    RejectionRepository(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    /** Records a reason to reject the whole file, with the column it concerns and the value found, each may be null. */
    public void addFileReason(long submissionId, String columnKey, String columnHeader, String code, String message,
            String value) {
        jdbc.sql("""
                        insert into rejection (submission_id, row_no, column_key, column_header, code, message, value)
                        values (:submission, null, :columnKey, :columnHeader, :code, :message, :value)""")
                .param("submission", submissionId).param("columnKey", columnKey).param("columnHeader", columnHeader)
                .param("code", code).param("message", message).param("value", value).update();
    }
}
