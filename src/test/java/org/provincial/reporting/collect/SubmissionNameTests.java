package org.provincial.reporting.collect;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionNameTests {

    @Test
    void readsAllPartsOfAName() {
        assertThat(SubmissionName.parse("440103_enterprise_counts_2025-01_v12.XLSX")).contains(
                new SubmissionName("440103", "enterprise_counts", YearMonth.of(2025, 1), 12, "xlsx"));
    }

    @Test
    void takesVersionOneWhenTheNameHasNone() {
        assertThat(SubmissionName.parse("440100_visits_2024-12.csv")).contains(
                new SubmissionName("440100", "visits", YearMonth.of(2024, 12), 1, "csv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"440100_subsidies_2025-02.xls", "440100_contracts_2025-03_v1.Csv",
            "440100_welfare_2025-10_v2.xlsx"})
    void acceptsEveryDatasetAndExtension(String fileName) {
        assertThat(SubmissionName.parse(fileName)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"440100_visits_2025-13.csv", "440100_visits_2025-00.csv", "440100_visits_2025-1.csv",
            "440100_visits_2025-01_v0.csv", "440100_visits_2025-01_v.csv", "440100_visit_2025-01.csv",
            "440100_visits_2025-01.txt", "4401_visits_2025-01.csv", "440100_visits_2025-01", "visits_2025-01.csv",
            "440100_visits_202501.csv", "440100_Visits_2025-01.csv", "440100_visits_2025-01.csv.bak", ""})
    void rejectsNamesThatBreakTheRule(String fileName) {
        assertThat(SubmissionName.parse(fileName)).isEmpty();
    }
}
