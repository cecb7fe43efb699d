package org.provincial.reporting.ingest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.support.ReportingTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows written in COPY text format and read back by PostgreSQL as they were given. */
@ReportingTest
class CopyBufferTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void storesTextDatesNumbersAndNullsAsGivenWhateverTheirCharacters() {
        List<String> texts = List.of("", "plain ASCII", "王芳", "带\t制表符", "两\n行", "回车\r换行\r\n", "反斜杠\\N 和 \\t",
                "控制字符\u0001", "拉丁 é ñ ß", "emoji 😀 和 𠀀", "2,000.50元", "\"引号\"");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new Object[] {i, texts.get(i), LocalDate.of(2025, 1, 1 + i), new BigDecimal("-1234.50").movePointLeft(i % 3),
                    i % 2 == 0, (long) i << 40});
        }
        rows.add(new Object[] {texts.size(), null, null, null, null, null});

        List<Map<String, Object>> stored = copyAndReadBack(rows);

        assertThat(stored).hasSize(rows.size());
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> row = stored.get(i);
            assertThat(row.get("t")).isEqualTo(texts.get(i));
            assertThat(row.get("d").toString()).isEqualTo(rows.get(i)[2].toString());
            assertThat((BigDecimal) row.get("a")).isEqualTo((BigDecimal) rows.get(i)[3]);
            assertThat(row.get("b")).isEqualTo(i % 2 == 0);
            assertThat(row.get("l")).isEqualTo((long) i << 40);
        }
        assertThat(stored.get(texts.size())).containsEntry("t", null).containsEntry("d", null)
                .containsEntry("a", null).containsEntry("b", null).containsEntry("l", null);
    }

    @Test
    void dropsNulCharactersAndReplacesLoneSurrogatesAsUtf8EncodingDoes() {
        List<Map<String, Object>> stored = copyAndReadBack(List.of(
                new Object[] {0, "空\u0000字符", null, null, null, null},
                new Object[] {1, "孤\uD800立", null, null, null, null},
                new Object[] {2, "尾\uDBFF", null, null, null, null}));

        assertThat(stored).extracting(row -> row.get("t")).containsExactly("空字符", "孤?立", "尾?");
    }

    @Test
    void growsForLongValuesAndSendsManyBuffersOfRows() {
        String longText = "长".repeat(300_000) + "end";
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {0, longText, null, null, null, null});
        for (int i = 1; i <= 20_000; i++) {
            rows.add(new Object[] {i, "行" + i + "\t" + i, LocalDate.of(2025, 1, 31), BigDecimal.valueOf(i, 2), true, (long) i});
        }

        List<Map<String, Object>> stored = copyAndReadBack(rows);

        assertThat(stored).hasSize(rows.size());
        assertThat(stored.get(0).get("t")).isEqualTo(longText);
        assertThat(stored.get(20_000)).containsEntry("t", "行20000\t20000").containsEntry("l", 20_000L);
        assertThat((BigDecimal) stored.get(20_000).get("a")).isEqualByComparingTo("200.00");
    }

    /** Copies the rows (n, t, d, a, b, l) through one buffer, sending whenever it is ready, and reads them back by n. */
    private List<Map<String, Object>> copyAndReadBack(List<Object[]> rows) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.execute("create temporary table copied (n int, t text, d date, a numeric, b boolean, l bigint) on commit drop");
            Connection connection = DataSourceUtils.getConnection(dataSource);
            int sends = 0;
            try (CopyBuffer buffer = new CopyBuffer("copied", List.of("n", "t", "d", "a", "b", "l"))) {
                for (Object[] row : rows) {
                    for (Object value : row) {
                        buffer.add(value);
                    }
                    buffer.endRow();
                    if (buffer.ready()) {
                        buffer.send(connection);
                        sends++;
                    }
                }
                buffer.finish(connection);
            }
            if (rows.size() > 10_000) {
                assertThat(sends).isGreaterThan(1);
            }
            return jdbc.queryForList("select * from copied order by n");
        });
    }
}
