package org.provincial.reporting.ingest.read;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests the rule that turns a numeric cell into the number Excel shows. */
class CellTextTests {

    @Test
    void showsTheShortestDecimalExcelShows() {
        assertThat(CellText.number(666.659999999999968)).isEqualTo("666.66");
        assertThat(CellText.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(CellText.number(1.0 / 3)).isEqualTo("0.333333333333333");
    }

    @Test
    void writesWholeNumbersWithoutDecimalsOrExponentBelowTheDigitsADoubleLoses() {
        assertThat(CellText.number(1234567)).isEqualTo("1234567");
        assertThat(CellText.number(1200)).isEqualTo("1200");
        assertThat(CellText.number(20250120)).isEqualTo("20250120");
        assertThat(CellText.number(999999999999999d)).isEqualTo("999999999999999");
        assertThat(CellText.number(123456789012345678d)).isEqualTo("1.23456789012346E+17");
        assertThat(CellText.number(440106199203028123d)).isEqualTo("4.40106199203028E+17");
        assertThat(CellText.number(1e15)).isEqualTo("1E+15");
        assertThat(CellText.number(-0.0)).isEqualTo("0");
    }

    @Test
    void writesSmallNumbersWithoutExponent() {
        assertThat(CellText.number(0.0000001)).isEqualTo("0.0000001");
        assertThat(CellText.number(-1234.5)).isEqualTo("-1234.5");
    }
}
