package org.provincial.reporting.ingest.validate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of {@link ValueParsers} over generated amounts, dates and arbitrary text. */
class ValueParsersPropertiesTests {

    private static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST_DATE = LocalDate.of(2099, 12, 31);

    @Property
    void readsBackAnyAmountHoweverItIsSpelled(@ForAll("amounts") BigDecimal amount, @ForAll boolean grouped,
            @ForAll boolean fullWidth, @ForAll("units") String unit, @ForAll("blanks") String before,
            @ForAll("blanks") String after) {
        String typed = before + spell(amount.toPlainString(), grouped, fullWidth) + unit + after;

        assertThat(ValueParsers.parseNumber(typed)).as(typed).contains(amount);
    }

    @Property
    void neverThrowsOnAnyTextAndReadsBackWhatItParsed(@ForAll String any, @ForAll("numberLikeText") String numberLike) {
        for (String typed : new String[] {any, numberLike}) {
            Optional<BigDecimal> parsed = ValueParsers.parseNumber(typed);

            parsed.ifPresent(value -> assertThat(ValueParsers.parseNumber(value.toPlainString())).as(typed).contains(value));
        }
    }

    @Property
    void readsBackAnyDateInEveryAcceptedForm(@ForAll("dates") LocalDate date, @ForAll("dateForms") String pattern,
            @ForAll @IntRange(max = 86_399) int secondOfDay, @ForAll boolean fullWidth, @ForAll("blanks") String before,
            @ForAll("blanks") String after) {
        String formatted = DateTimeFormatter.ofPattern(pattern).format(date.atTime(LocalTime.ofSecondOfDay(secondOfDay)));
        String typed = before + (fullWidth ? spell(formatted, false, true) : formatted) + after;

        assertThat(ValueParsers.parseDate(typed)).as(typed).contains(date);
    }

    @Property
    void refusesTheDayAfterTheLastOfEveryMonth(@ForAll("dates") LocalDate date, @ForAll("dateForms") String pattern) {
        LocalDate last = date.withDayOfMonth(date.lengthOfMonth());
        String typed = DateTimeFormatter.ofPattern(pattern).format(last.atStartOfDay())
                .replaceFirst(last.getDayOfMonth() + "(日?)($| )", (last.getDayOfMonth() + 1) + "$1$2");

        assertThat(ValueParsers.parseDate(typed)).as(typed).isEmpty();
    }

    @Property
    void neverThrowsOnAnyTextWhenReadingADate(@ForAll String any, @ForAll("dateLikeText") String dateLike) {
        assertThat(ValueParsers.parseDate(any)).isNotNull();
        assertThat(ValueParsers.parseDate(dateLike)).isNotNull();
    }

    @Property
    void normalizesOnceAndForAllWithoutBlankEnds(@ForAll String typed) {
        String normalized = ValueParsers.normalize(typed);

        assertThat(ValueParsers.normalize(normalized)).isEqualTo(normalized);
        if (!normalized.isEmpty()) {
            assertThat(ValueParsers.isBlank(normalized.charAt(0))).isFalse();
            assertThat(ValueParsers.isBlank(normalized.charAt(normalized.length() - 1))).isFalse();
        }
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Combinators.combine(Arbitraries.longs().between(-100_000_000_000_000L, 100_000_000_000_000L),
                Arbitraries.integers().between(0, 2)).as(BigDecimal::valueOf);
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("", "元", " 元", "\u3000元", "人");
    }

    @Provide
    Arbitrary<String> blanks() {
        return Arbitraries.of("", " ", "   ", "\t", "\u3000", "\u00A0", "\uFEFF", " \u3000 ");
    }

    @Provide
    Arbitrary<String> numberLikeText() {
        return Arbitraries.strings().withChars("0123456789,.+-元人 ０１２３４５６７８９，．－\u3000e").ofMaxLength(24);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(FIRST_DATE.toEpochDay(), LAST_DATE.toEpochDay()).map(LocalDate::ofEpochDay);
    }

    /** SPEC §2's date spellings, padded and not, and as the spreadsheet readers write date-time cells. */
    @Provide
    Arbitrary<String> dateForms() {
        return Arbitraries.of("uuuu-MM-dd", "uuuu-M-d", "uuuu/M/d", "uuuu/MM/dd", "uuuu.M.d", "uuuu.MM.dd", "uuuu年M月d日",
                "uuuu年MM月dd日", "uuuuMMdd", "uuuu-MM-dd HH:mm:ss", "uuuu/M/d H:mm");
    }

    @Provide
    Arbitrary<String> dateLikeText() {
        return Arbitraries.strings().withChars("0123456789-/.年月日 :T０１２３").ofMaxLength(24);
    }

    /** The plain number or date, its integer digits grouped by three with commas, in full-width forms if asked. */
    private static String spell(String plain, boolean grouped, boolean fullWidth) {
        StringBuilder spelled = new StringBuilder(plain);
        if (grouped) {
            int start = plain.startsWith("-") ? 1 : 0;
            int point = plain.indexOf('.');
            for (int at = (point < 0 ? plain.length() : point) - 3; at > start; at -= 3) {
                spelled.insert(at, ',');
            }
        }
        if (fullWidth) {
            for (int i = 0; i < spelled.length(); i++) {
                char c = spelled.charAt(i);
                if (c >= '!' && c <= '~') {
                    spelled.setCharAt(i, (char) (c - '!' + '\uFF01'));
                }
            }
        }
        return spelled.toString();
    }
}
