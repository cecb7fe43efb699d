package org.provincial.reporting.support;

import java.util.UUID;

import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.reference.ColumnType;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes submissions and valid staged rows straight into the database, as if ingesting had already happened, for
 * tests of what comes after it (deduplication, totals). Dates and amounts are given as PostgreSQL reads them
 * ("2031-01-20", "100.00"); a submission's province is its submitter's. Resident IDs are given in clear and stored
 * as ingesting stores them: keyed hash and masked form.
 */
public final class StagedRows {

    private final JdbcTemplate jdbc;
    private final ResidentIdHashes.Hasher hasher;

    public StagedRows(JdbcTemplate jdbc, ResidentIdHashes residentIds) {
        this.jdbc = jdbc;
        this.hasher = residentIds.hasher();
    }

    /** An ACCEPTED version 1 of a CSV file, received now. */
    public long submission(String submitter, String dataset, String period) {
        return submission(submitter, dataset, period, 1, "now", "ACCEPTED");
    }

    /**
     * A submission of a CSV file named by the convention, with its own random hash.
     *
     * @param receivedAt a PostgreSQL timestamp such as "2031-02-01 09:00" (or "now")
     * @param status     one of the statuses of the submission table, e.g. ACCEPTED, REJECTED, DUPLICATE_FILE
     */
    public long submission(String submitter, String dataset, String period, int version, String receivedAt,
            String status) {
        String hash = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        String name = submitter + "_" + dataset + "_" + period + "_v" + version + ".csv";
        return jdbc.queryForObject("""
                insert into submission (receipt_key, source, remote_path, submitter, province, file_name, dataset, period,
                                        version, format, size_bytes, sha256, archive_path, received_at, status)
                values (?, 'test', ?, ?, (select province_code from region where code = ?), ?, ?, ?, ?, 'csv', 100, ?,
                        'archive/test', cast(? as timestamptz), ?)
                returning id
                """, Long.class, UUID.randomUUID().toString(), submitter + "/" + name, submitter, submitter, name, dataset,
                period, version, hash, receivedAt, status);
    }

    public void visit(long submission, int rowNo, String region, String personId, String category, String date,
            String amount) {
        jdbc.update("""
                insert into stage_visits (submission_id, row_no, valid, region_code, person_id, person_id_masked, category,
                                          visit_date, amount)
                values (?, ?, true, ?, ?, ?, ?, cast(? as date), cast(? as numeric))
                """, submission, rowNo, region, hasher.stored(personId, ColumnType.RESIDENT_ID),
                ResidentIdHashes.masked(personId, ColumnType.RESIDENT_ID), category, date, amount);
    }

    public void subsidy(long submission, int rowNo, String region, String recipientId, String program, String date,
            String amount) {
        jdbc.update("""
                insert into stage_subsidies (submission_id, row_no, valid, region_code, recipient_id, recipient_id_masked,
                                             program, amount, paid_date)
                values (?, ?, true, ?, ?, ?, ?, cast(? as numeric), cast(? as date))
                """, submission, rowNo, region, hasher.stored(recipientId, ColumnType.RESIDENT_ID_OR_CREDIT_CODE),
                ResidentIdHashes.masked(recipientId, ColumnType.RESIDENT_ID_OR_CREDIT_CODE), program, amount, date);
    }

    public void contract(long submission, int rowNo, String region, String creditCode, String type, String date,
            long workers) {
        jdbc.update("""
                insert into stage_contracts (submission_id, row_no, valid, region_code, credit_code, contract_type, signed_date,
                                             workers_covered)
                values (?, ?, true, ?, ?, ?, cast(? as date), ?)
                """, submission, rowNo, region, creditCode, type, date, workers);
    }

    /**
     * Stages {@code count} contracts from row {@code firstRow}, one per enterprise numbered from
     * {@code firstEnterprise} (credit codes 'E' and 17 digits), each covering {@code workers}.
     */
    public void contracts(long submission, int firstRow, String region, String type, String date, int firstEnterprise,
            int count, long workers) {
        jdbc.update("""
                insert into stage_contracts (submission_id, row_no, valid, region_code, credit_code, contract_type, signed_date,
                                             workers_covered)
                select ?, ? + i, true, ?, 'E' || lpad((? + i)::text, 17, '0'), ?, cast(? as date), ?
                from generate_series(0, ? - 1) i
                """, submission, firstRow, region, firstEnterprise, type, date, workers, count);
    }

    public void enterpriseCount(long submission, int rowNo, String region, long required) {
        jdbc.update("""
                insert into stage_enterprise_counts (submission_id, row_no, valid, region_code, enterprises_required)
                values (?, ?, true, ?, ?)
                """, submission, rowNo, region, required);
    }

    public void welfare(long submission, int rowNo, String region, String voucher, String direction, String source,
            String amount, String date) {
        jdbc.update("""
                insert into stage_welfare (submission_id, row_no, valid, region_code, voucher_no, direction, source, amount,
                                           movement_date)
                values (?, ?, true, ?, ?, ?, ?, cast(? as numeric), cast(? as date))
                """, submission, rowNo, region, voucher, direction, source, amount, date);
    }
}
