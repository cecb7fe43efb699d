package org.provincial.reporting.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsersTests {

    @Test
    void turnsFullWidthDigitsLettersAndPunctuationIntoHalfWidth() {
        assertThat(ValueParsers.normalize("１２３．５")).isEqualTo("123.5");
        assertThat(ValueParsers.normalize("（元）")).isEqualTo("(元)");
        assertThat(ValueParsers.normalize("ＡＢｃ，１")).isEqualTo("ABc,1");
    }

    @Test
    void trimsAsciiAndIdeographicSpaces() {
        assertThat(ValueParsers.normalize(" \t12\u3000")).isEqualTo("12");
        assertThat(ValueParsers.normalize("\u00A012\uFEFF")).isEqualTo("12");
    }

    @Test
    void collapsesBlankTextToEmpty() {
        assertThat(ValueParsers.normalize("\u3000 \u3000")).isEmpty();
        assertThat(ValueParsers.normalize("   ")).isEmpty();
        assertThat(ValueParsers.normalize(null)).isEmpty();
    }

    @Test
    void returnsPlainAsciiTextUnchanged() {
        String typed = "440103";
        assertThat(ValueParsers.normalize(typed)).isSameAs(typed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "123|123",
            "1234.50|1234.50",
            "1,234.50|1234.50",
            "1,234,567.8|1234567.8",
            "１２３．５|123.5",
            "１，２３４．５０|1234.50",
            "1,234.50元|1234.50",
            "' 12 人'|12",
            "' 500 元 '|500",
            "+12|12",
            "-12.5|-12.5",
            "0|0",
            "0.00|0.00",
            ".5|0.5",
            "'\u3000８８\u3000'|88",
            "¥12|12",
            "￥300|300",
            "'￥ 1,234.50'|1234.50",
    })
    void parsesNumbersAsPeopleTypeThem(String typed, String expected) {
        assertThat(ValueParsers.parseNumber(typed)).contains(new BigDecimal(expected));
    }

    @Test
    void keepsTheScaleAsTyped() {
        assertThat(ValueParsers.parseNumber("1234.50").orElseThrow().scale()).isEqualTo(2);
        assertThat(ValueParsers.parseNumber("12.500").orElseThrow().scale()).isEqualTo(3);
        assertThat(ValueParsers.parseNumber("1,234").orElseThrow().scale()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.2.3", "12a", "1,23", "1,2345", ",123", "1234,567", "1,234.5,6", "1e5", "1E5",
            "abc", "-", "+", ".", "元", "12元元", "12万元", "12 万元", "--1", "+-1", "1 234", "¥", "12¥", "12%", "0x1F", "NaN"})
    void rejectsTextThatIsNotANumber(String typed) {
        assertThat(ValueParsers.parseNumber(typed)).isEmpty();
    }

    @Test
    void rejectsNull() {
        assertThat(ValueParsers.parseNumber(null)).isEmpty();
        assertThat(ValueParsers.parseDate(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-20", "2025-1-20", "2025/1/20", "2025/01/20", "2025.1.20", "2025.01.20", "2025年1月20日",
            "2025年01月20日", "2025年1月20", "20250120", "2025-01-20 00:00:00", "2025-01-20 13:45:00", "2025-01-20 13:45",
            "2025-01-20T13:45:00", "2025/1/20 8:05", "2025-01-20 13:45:00.000", "２０２５年１月２０日", "２０２５－０１－２０",
            " 2025-01-20\u3000"})
    void parsesEveryAcceptedDateForm(String typed) {
        assertThat(ValueParsers.parseDate(typed)).contains(LocalDate.of(2025, 1, 20));
    }

    @Test
    void parsesSingleDigitMonthsAndDays() {
        assertThat(ValueParsers.parseDate("2025/2/3")).contains(LocalDate.of(2025, 2, 3));
        assertThat(ValueParsers.parseDate("2025年12月1日")).contains(LocalDate.of(2025, 12, 1));
    }

    @Test
    void acceptsTheLeapDayOfALeapYear() {
        assertThat(ValueParsers.parseDate("2024-02-29")).contains(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31", "20250230",
            "20251301", "", "明天", "2025-01", "2025年1月", "25-01-20", "2025-1-20-1", "2025-01/20", "2025.01-20", "2025-001-20",
            "2025-01-200", "2025年1-20", "2025/1/20日", "2025-01-20 25:00", "2025-01-20 13:60", "2025-01-20 13",
            "2025-01-20x", "202501201", "45677", "2025-01-20 00:00:00.", "20250120 00:00:00"})
    void rejectsTextThatIsNotADate(String typed) {
        assertThat(ValueParsers.parseDate(typed)).isEmpty();
    }
}
