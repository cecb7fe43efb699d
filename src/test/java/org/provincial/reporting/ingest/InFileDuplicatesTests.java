package org.provincial.reporting.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The candidates for DUPLICATE_ROW found while a file is read, before the database confirms them. */
class InFileDuplicatesTests {

    private static final int[] KEY = {0, 1};

    /** The keys held by default (reporting.ingest.in-file-keys). */
    private static final int KEYS = 1_000_000;

    @Test
    void pairsEveryLaterRowWithTheFirstValidRowOfItsKey() {
        InFileDuplicates found = new InFileDuplicates(KEY, KEYS);

        found.offer(2, false, row("甲", LocalDate.of(2025, 1, 3)));
        found.offer(3, true, row("甲", LocalDate.of(2025, 1, 3)));
        found.offer(4, true, row("乙", LocalDate.of(2025, 1, 3)));
        found.offer(5, false, row("甲", LocalDate.of(2025, 1, 3)));
        found.offer(6, true, row("甲", LocalDate.of(2025, 1, 3)));

        assertThat(found.candidates()).containsExactly(5, 6);
        assertThat(found.candidateFirstRows()).containsExactly(3, 3);
        assertThat(found.gaveUp()).isFalse();
    }

    @Test
    void leavesOutRowsWithAnEmptyKeyPartAndComparesNumbersByValue() {
        InFileDuplicates found = new InFileDuplicates(KEY, KEYS);

        found.offer(2, true, row("甲", null));
        found.offer(3, true, row("甲", null));
        found.offer(4, true, row("甲", new BigDecimal("1.50")));
        found.offer(5, true, row("甲", new BigDecimal("1.5")));
        found.offer(6, true, row("甲1", "5"));
        found.offer(7, true, row("甲", "15"));

        assertThat(found.candidates()).containsExactly(5);
        assertThat(found.candidateFirstRows()).containsExactly(4);
    }

    @Test
    void keepsEveryKeyOfAFileThatOutgrowsItsFirstTables() {
        InFileDuplicates found = new InFileDuplicates(KEY, KEYS);

        for (int i = 0; i < 100_000; i++) {
            found.offer(i + 2, true, row("人" + i, LocalDate.of(2025, 1, 1)));
        }
        found.offer(100_002, true, row("人77777", LocalDate.of(2025, 1, 1)));

        assertThat(found.candidates()).containsExactly(100_002);
        assertThat(found.candidateFirstRows()).containsExactly(77_779);
    }

    @Test
    void givesUpPastItsKeyLimit() {
        InFileDuplicates found = new InFileDuplicates(KEY, 2);

        found.offer(2, true, row("甲", "1"));
        found.offer(3, true, row("乙", "1"));
        found.offer(4, true, row("丙", "1"));

        assertThat(found.gaveUp()).isTrue();
    }

    private static Object[] row(Object first, Object second) {
        return new Object[] {first, second, "其他列"};
    }
}
