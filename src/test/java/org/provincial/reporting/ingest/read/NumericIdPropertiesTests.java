package org.provincial.reporting.ingest.read;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.groups.Tuple;
import org.provincial.reporting.ingest.validate.Fixtures;
import org.provincial.reporting.ingest.validate.HeaderLayout;
import org.provincial.reporting.ingest.validate.HeaderLocator;
import org.provincial.reporting.ingest.validate.RowValidator;
import org.provincial.reporting.submission.RejectionCode;
import org.provincial.reporting.support.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** No 18-digit resident ID that went through a double (an Excel number cell, or its scientific notation in a CSV) is accepted. */
class NumericIdPropertiesTests {

    private static final String DAMAGED = "是以数字格式保存的（显示为 4.40106E+17 这样的科学计数法）：Excel 的数字只保留15位有效数字，"
            + "后几位已经丢失，无法还原。请把该列设置为文本格式后重新录入";

    @Property
    void neverAcceptsAnIdReadFromANumberCell(@ForAll("digitIds") String id) {
        String shown = CellText.number(Double.parseDouble(id));

        assertRejectedAsDamaged(shown);
    }

    @Property
    void neverAcceptsAnIdShownInScientificNotationInACsv(@ForAll("digitIds") String id,
            @ForAll @IntRange(min = 1, max = 15) int significantDigits) {
        BigDecimal rounded = new BigDecimal(id).round(new MathContext(significantDigits)).stripTrailingZeros();
        String mantissa = rounded.movePointLeft(17).stripTrailingZeros().toPlainString();

        assertRejectedAsDamaged(mantissa + "E+17");
    }

    private static void assertRejectedAsDamaged(String cell) {
        assertThat(validate("visits", List.of("行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额"),
                List.of("440103", cell, "困难职工", "2025-01-20", "100")))
                .as(cell).containsExactly(tuple("person_id", RejectionCode.ID_INVALID, "身份证号" + DAMAGED));
        assertThat(validate("subsidies", List.of("行政区划代码", "受助对象证件号", "补助项目", "补助金额", "发放日期"),
                List.of("440103", cell, "金秋助学", "100", "2025-01-20")))
                .as(cell).containsExactly(tuple("recipient_id", RejectionCode.ID_INVALID, "受助对象证件号" + DAMAGED));
    }

    private static List<Tuple> validate(String dataset, List<String> header, List<String> cells) {
        HeaderLayout layout = new HeaderLocator(Fixtures.mapping(dataset)).offer(1, header).orElseThrow();
        return new RowValidator(Fixtures.mapping(dataset), Fixtures.REGIONS, "440100", YearMonth.of(2025, 1))
                .validate(2, cells, layout).violations().stream()
                .map(v -> tuple(v.columnKey(), v.code(), v.message())).toList();
    }

    /** Valid IDs without an X, the only ones a number cell can hold, born in a few of Guangzhou's districts. */
    @Provide
    Arbitrary<String> digitIds() {
        return Combinators.combine(Arbitraries.of("440103", "440104", "440106", "440111"),
                        Arbitraries.integers().between(0, 40_000), Arbitraries.integers().between(0, 999))
                .as((region, day, sequence) -> Ids.residentId(region, LocalDate.of(1930, 1, 1).plusDays(day), sequence))
                .filter(id -> !id.endsWith("X"));
    }
}
