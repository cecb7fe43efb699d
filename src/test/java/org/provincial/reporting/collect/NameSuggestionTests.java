package org.provincial.reporting.collect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NameSuggestionTests {

    @ParameterizedTest(name = "{1}/{0} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            440304_visits_2025-01 (1).xlsx        | 440304 | 440304_visits_2025-01_v2.xlsx
            440304_visits_2025-01(2).xlsx         | 440304 | 440304_visits_2025-01_v3.xlsx
            440304_visits_2025-01_v2 (1).xlsx     | 440304 | 440304_visits_2025-01_v3.xlsx
            440304_visits_2025-01（1）.xlsx        | 440304 | 440304_visits_2025-01_v2.xlsx
            440304_visits_2025-01-副本.xlsx        | 440304 | 440304_visits_2025-01_v2.xlsx
            440304_visits_2025-01 - 副本.csv       | 440304 | 440304_visits_2025-01_v2.csv
            440304_visits_2025-01 - 副本 (2).xls   | 440304 | 440304_visits_2025-01_v3.xls
            440304_visits_2025-01 - Copy.xlsx     | 440304 | 440304_visits_2025-01_v2.xlsx
            440304＿visits＿2025-01.xlsx            | 440304 | 440304_visits_2025-01.xlsx
            ４４０３０４_visits_２０２５－０１.csv     | 440304 | 440304_visits_2025-01.csv
            440304_visits_2025-1.csv              | 440304 | 440304_visits_2025-01.csv
            440304_subsidies_202501.xlsx          | 440304 | 440304_subsidies_2025-01.xlsx
            440304_welfare_2025.12.XLSX           | 440304 | 440304_welfare_2025-12.xlsx
            440304_Visits_2025-01.csv             | 440304 | 440304_visits_2025-01.csv
            440304_visits_2025-01.xlsx.xlsx       | 440304 | 440304_visits_2025-01.xlsx
            440304_enterprise_counts_2025-3_v2.xlsx | 440304 | 440304_enterprise_counts_2025-03_v2.xlsx
            440304_慰问_2025-01.xlsx               | 440304 | 440304_visits_2025-01.xlsx
            440304补助2025年1月.xlsx                | 440304 | 440304_subsidies_2025-01.xlsx
            2025年10月集体合同.csv                  | 440304 | 440304_contracts_2025-10.csv
            440304_应建制企业数_2025-02.xls          | 440304 | 440304_enterprise_counts_2025-02.xls
            440304_送温暖资金_2025-01.xlsx           | 440304 | 440304_welfare_2025-01.xlsx
            一月慰问名单.xlsx                        | 440100 | -
            440304_visits_2025-01.txt             | 440304 | -
            440304_2025-01.xlsx                   | 440304 | -
            440304_慰问补助_2025-01.xlsx             | 440304 | -
            440304_visits.xlsx                    | 440304 | -
            440305_visits_2025-1.xlsx             | 440304 | -
            visits_2025-1.xlsx                    | ''     | -
            """)
    void guessesTheNameTheClerkMeant(String fileName, String directory, String expected) {
        assertThat(NameSuggestion.suggest(fileName, directory)).isEqualTo(java.util.Optional.ofNullable(expected));
    }
}
