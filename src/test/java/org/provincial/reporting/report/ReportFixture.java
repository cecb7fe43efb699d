package org.provincial.reporting.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.StagedRows;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Submissions and staged rows of 新疆维吾尔自治区 (650000) for one period, deduplicated and totalled by the real
 * services: 乌鲁木齐市 (650100) with 天山区 (650102) and 沙依巴克区 (650103), 克拉玛依市 (650200) with 独山子区 (650202).
 * Totals of the province: 12,370 person-visits, 4,947,402.50 yuan of visits, 3 subsidies of 103,500.00 yuan,
 * 6 contracts covering 1,300 workers in 6 of 9 enterprises required, 150,002,600.50 yuan raised, 30,000.00 disbursed,
 * 50,000.00 passed down; three conflicts, one per visits, contracts and welfare, the county's copy winning each.
 */
final class ReportFixture {

    static final String PROVINCE = "650000";

    /** The resident ID reported by both 天山区 and 乌鲁木齐市 with different amounts. */
    static final String CONFLICTING_PERSON = Ids.residentId("650102", LocalDate.of(1980, 5, 6), 123);

    /** The name under which 乌鲁木齐市 sent its counted visits file: text a spreadsheet would evaluate. */
    static final String FORMULA_FILE_NAME = "=HYPERLINK(\"http://example.com\",\"点我\")";

    /** The name of 沙依巴克区's rejected subsidies file. */
    static final String PLUS_FILE_NAME = "+650103_subsidies.csv";

    /** The voucher number both 天山区 and 乌鲁木齐市 reported with different amounts. */
    static final String FORMULA_VOUCHER = "=SUM(1+1)";

    static final String REJECTION_MESSAGE = "缺少必填列：补助项目";

    private final JdbcTemplate jdbc;
    private final StagedRows rows;
    private final String period;

    ReportFixture(JdbcTemplate jdbc, ResidentIdHashes residentIds, String period) {
        this.jdbc = jdbc;
        this.rows = new StagedRows(jdbc, residentIds);
        this.period = period;
    }

    /** Stages the submissions (own file names and row counts) and their rows; the caller deduplicates and totals. */
    void stage() {
        long tianshanVisits = submission("650102", "visits", 1, "650102_visits_" + period + ".csv", "01 09:00", "ACCEPTED");
        jdbc.update("""
                insert into stage_visits (submission_id, row_no, valid, region_code, person_id, category, visit_date, amount)
                select ?, n + 2, true, '650102', '650102' || lpad(n::text, 12, '0'),
                       (array['difficult_worker', 'new_employment', 'frontline', 'model_worker', 'other'])[n % 5 + 1],
                       cast(? as date) + (n % 28), 400.00
                from generate_series(1, 12344) as n
                """, tianshanVisits, period + "-01");
        visit(tianshanVisits, 12347, "650102", CONFLICTING_PERSON, "difficult_worker", "800.00");
        long urumqiOld = submission("650100", "visits", 1, "650100_visits_" + period + ".csv", "01 10:00", "ACCEPTED");
        visit(urumqiOld, 2, "650100", Ids.residentId("650100", LocalDate.of(1970, 1, 1), 1), "other", "1.00");
        long urumqi = submission("650100", "visits", 2, FORMULA_FILE_NAME, "02 10:00", "ACCEPTED");
        visit(urumqi, 2, "650102", CONFLICTING_PERSON, "difficult_worker", "900.00");
        for (int i = 0; i < 5; i++) {
            visit(urumqi, 3 + i, "650100", Ids.residentId("650100", LocalDate.of(1975, 3, 1 + i), i), "frontline", "1000.50");
        }
        long dushanzi = submission("650202", "visits", 1, "650202_visits_" + period + ".xlsx", "03 08:00", "ACCEPTED");
        for (int i = 0; i < 20; i++) {
            visit(dushanzi, 2 + i, "650202", Ids.residentId("650202", LocalDate.of(1985, 7, 1 + i), i), "new_employment", "200.00");
        }

        long tianshanSubsidies = submission("650102", "subsidies", 1, "650102_subsidies_" + period + ".csv", "01 09:30", "ACCEPTED");
        subsidy(tianshanSubsidies, 2, Ids.residentId("650102", LocalDate.of(1990, 1, 1), 7), "education_aid", "2000.00");
        subsidy(tianshanSubsidies, 3, Ids.residentId("650102", LocalDate.of(1991, 1, 1), 8), "difficulty_relief", "1500.00");
        subsidy(tianshanSubsidies, 4, Ids.creditCode("650102", 1), "innovation_studio", "100000.00");
        long rejected = submission("650103", "subsidies", 1, PLUS_FILE_NAME, "04 09:00", "REJECTED");
        jdbc.update("insert into rejection (submission_id, row_no, code, message) values (?, null, 'COLUMN_MISSING', ?)",
                rejected, REJECTION_MESSAGE);

        long urumqiContracts = submission("650100", "contracts", 1, "650100_contracts_" + period + ".csv", "02 11:00", "ACCEPTED");
        contract(urumqiContracts, 2, "650100", Ids.creditCode("650100", 1), "comprehensive", 100);
        contract(urumqiContracts, 3, "650102", Ids.creditCode("650100", 2), "wage", 200);
        contract(urumqiContracts, 4, "650103", Ids.creditCode("650100", 3), "female", 300);
        contract(urumqiContracts, 5, "650102", Ids.creditCode("650100", 4), "comprehensive", 400);
        long tianshanContracts = submission("650102", "contracts", 1, "650102_contracts_" + period + ".csv", "01 11:00", "ACCEPTED");
        contract(tianshanContracts, 2, "650102", Ids.creditCode("650100", 4), "comprehensive", 450);
        long karamayContracts = submission("650200", "contracts", 1, "650200_contracts_" + period + ".csv", "02 12:00", "ACCEPTED");
        contract(karamayContracts, 2, "650202", Ids.creditCode("650200", 1), "industry", 120);
        contract(karamayContracts, 3, "650202", Ids.creditCode("650200", 2), "regional", 130);
        long counts = submission("650100", "enterprise_counts", 1, "650100_enterprise_counts_" + period + ".csv", "02 11:30",
                "ACCEPTED");
        rows.enterpriseCount(counts, 2, "650100", 4);
        rows.enterpriseCount(counts, 3, "650102", 3);
        rows.enterpriseCount(counts, 4, "650103", 2);

        long urumqiWelfare = submission("650100", "welfare", 1, "650100_welfare_" + period + ".csv", "02 13:00", "ACCEPTED");
        welfare(urumqiWelfare, 2, "650100", "PZ0001", "raised", "provincial", "150000000.00");
        welfare(urumqiWelfare, 3, "650100", "PZ0002", "raised", "donation", "2500.50");
        welfare(urumqiWelfare, 4, "650100", "PZ0003", "raised", "upper_allocation", "50000.00");
        welfare(urumqiWelfare, 5, "650100", "PZ0004", "disbursed", "city", "30000.00");
        welfare(urumqiWelfare, 6, "650102", FORMULA_VOUCHER, "raised", "donation", "120.00");
        long tianshanWelfare = submission("650102", "welfare", 1, "650102_welfare_" + period + ".csv", "01 13:00", "ACCEPTED");
        welfare(tianshanWelfare, 2, "650102", FORMULA_VOUCHER, "raised", "donation", "100.00");
    }

    private long submission(String submitter, String dataset, int version, String fileName, String receivedDayAndTime,
            String status) {
        String hash = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        boolean accepted = status.equals("ACCEPTED");
        return jdbc.queryForObject("""
                insert into submission (receipt_key, source, remote_path, submitter, province, file_name, dataset, period,
                                        version, format, size_bytes, sha256, archive_path, received_at, status,
                                        rows_read, rows_accepted, rows_rejected)
                values (?, 'test', ?, ?, ?, ?, ?, ?, ?, 'csv', 100, ?, 'archive/test', cast(? as timestamptz), ?, ?, ?, ?)
                returning id
                """, Long.class, UUID.randomUUID().toString(), submitter + "/" + fileName, submitter, PROVINCE, fileName,
                dataset, period, version, hash, nextMonth() + "-" + receivedDayAndTime + "+08", status, 10,
                accepted ? 9 : 0, accepted ? 1 : 10);
    }

    private String nextMonth() {
        return YearMonth.parse(period).plusMonths(1).toString();
    }

    private void visit(long submission, int rowNo, String region, String personId, String category, String amount) {
        rows.visit(submission, rowNo, region, personId, category, period + "-20", amount);
    }

    private void subsidy(long submission, int rowNo, String recipientId, String program, String amount) {
        rows.subsidy(submission, rowNo, "650102", recipientId, program, period + "-15", amount);
    }

    private void contract(long submission, int rowNo, String region, String creditCode, String type, long workers) {
        rows.contract(submission, rowNo, region, creditCode, type, period + "-10", workers);
    }

    private void welfare(long submission, int rowNo, String region, String voucher, String direction, String source,
            String amount) {
        rows.welfare(submission, rowNo, region, voucher, direction, source, amount, period + "-05");
    }
}
