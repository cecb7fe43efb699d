package org.provincial.reporting.report;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures of the seed page, written back the way it writes them. */
class PublishedFiguresTests {

    @Test
    void writesCountsBelowTenThousandAsTheyAre() {
        assertThat(PublishedFigures.count(new BigDecimal("7986"), "人次")).isEqualTo("7986人次");
        assertThat(PublishedFigures.count(new BigDecimal("653"), "份")).isEqualTo("653份");
        assertThat(PublishedFigures.count(BigDecimal.ZERO, "人次")).isEqualTo("0人次");
    }

    @Test
    void writesCountsInWanToOneDecimal() {
        assertThat(PublishedFigures.count(new BigDecimal("460123"), "人次")).isEqualTo("46万人次");
        assertThat(PublishedFigures.count(new BigDecimal("81049"), "人")).isEqualTo("8.1万人");
        assertThat(PublishedFigures.count(new BigDecimal("41950"), "人次")).isEqualTo("4.2万人次");
        assertThat(PublishedFigures.count(new BigDecimal("10000"), "人")).isEqualTo("1万人");
    }

    @Test
    void writesMoneyInWanYuanToTwoDecimalsAndInYiAboveAHundredMillion() {
        assertThat(PublishedFigures.money(new BigDecimal("45000000.00"))).isEqualTo("4500万元");
        assertThat(PublishedFigures.money(new BigDecimal("123456.78"))).isEqualTo("12.35万元");
        assertThat(PublishedFigures.money(new BigDecimal("200000000.00"))).isEqualTo("2亿元");
        assertThat(PublishedFigures.money(new BigDecimal("130000000.00"))).isEqualTo("1.3亿元");
        assertThat(PublishedFigures.money(new BigDecimal("999999999.99"))).isEqualTo("10亿元");
    }

    @Test
    void roundsJustBelowAHundredMillionUpToYi() {
        assertThat(PublishedFigures.money(new BigDecimal("99999999.99"))).isEqualTo("1亿元");
        assertThat(PublishedFigures.count(new BigDecimal("99999999"), "人次")).isEqualTo("1亿人次");
    }

    @Test
    void writesMoneyBelowTenThousandYuanWithItsCents() {
        assertThat(PublishedFigures.money(new BigDecimal("8500.00"))).isEqualTo("8500元");
        assertThat(PublishedFigures.money(new BigDecimal("8500.50"))).isEqualTo("8500.50元");
        assertThat(PublishedFigures.money(new BigDecimal("0.00"))).isEqualTo("0元");
    }

    @Test
    void writesRatesAsPercentages() {
        assertThat(PublishedFigures.rate(new BigDecimal("0.9100"))).isEqualTo("91%");
        assertThat(PublishedFigures.rate(new BigDecimal("0.8081"))).isEqualTo("80.81%");
        assertThat(PublishedFigures.rate(new BigDecimal("1.0000"))).isEqualTo("100%");
        assertThat(PublishedFigures.rate(null)).isEqualTo("—");
    }
}
