package org.provincial.reporting.ingest.validate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.support.Ids;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the GB 11643 and GB 32100 checks, over identifiers built from the standards' own check definitions. */
class CheckDigitPropertiesTests {

    /** Whatever a clerk might type instead: digits, letters of both cases, the letters GB 32100 leaves out, full width. */
    private static final String REPLACEMENTS = "0123456789XxABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz０１９Ｘ -*";

    @Property
    void acceptsEveryIdWithTheCheckCharacterOfTheStandard(@ForAll("residentIds") String id) {
        assertThat(ResidentIds.isValid(id)).as(id).isTrue();
    }

    /**
     * No single change keeps a valid ID valid: each weight 2^(17-i) mod 11 is a unit mod 11 and a digit changes by 1 to
     * 9, so the weighted sum changes mod 11 and the check character no longer fits; any other character is refused.
     */
    @Property
    void refusesAnIdWithAnyOneCharacterChanged(@ForAll("residentIds") String id, @ForAll @IntRange(max = 17) int position,
            @ForAll("replacements") char replacement) {
        Assume.that(id.charAt(position) != replacement);
        String changed = id.substring(0, position) + replacement + id.substring(position + 1);

        assertThat(ResidentIds.isValid(changed)).as(changed).isFalse();
    }

    @Property
    void acceptsALowerCaseCheckXOnceTheValidatorHasUpperCasedIt(@ForAll("residentIdsEndingInX") String id) {
        String typed = id.toLowerCase(Locale.ROOT);
        DatasetMapping visits = Fixtures.mapping("visits");
        Map<String, String> cells = Map.of("region_code", "440103", "person_id", typed, "category", "困难职工",
                "visit_date", "2025-01-20", "amount", "500");
        List<String> row = visits.columns().stream().map(column -> cells.getOrDefault(column.key(), "")).toList();

        ValidatedRow validated = new RowValidator(visits, Fixtures.REGIONS, "440100", YearMonth.of(2025, 1))
                .validate(2, row, new HeaderLocator(visits).offer(1, visits.columns().stream().map(ColumnMapping::header).toList())
                        .orElseThrow());

        assertThat(ResidentIds.isValid(typed)).isFalse();
        assertThat(validated.violations()).isEmpty();
        assertThat(validated.values()[visits.indexOf("person_id")]).isEqualTo(id);
    }

    @Property
    void masksAllButTheFirstSixAndLastFourCharactersKeepingTheLength(@ForAll @StringLength(min = 11, max = 40) String text) {
        String masked = ResidentIds.mask(text);

        assertThat(masked).hasSameSizeAs(text).startsWith(text.substring(0, 6)).endsWith(text.substring(text.length() - 4));
        assertThat(masked.substring(6, masked.length() - 4)).matches("\\*+");
    }

    @Property
    void masksShortTextEntirely(@ForAll @StringLength(max = 10) String text) {
        assertThat(ResidentIds.mask(text)).isEqualTo("*".repeat(text.length()));
    }

    @Property
    void acceptsEveryCreditCodeWithTheCheckCharacterOfTheStandard(@ForAll("creditCodes") String code) {
        assertThat(CreditCodes.isValid(code)).as(code).isTrue();
    }

    /**
     * No single change keeps a valid code valid: 31 is prime, each weight 3^i mod 31 is a unit mod 31 and a character's
     * value changes by 1 to 30, so the check character no longer fits; any character outside the alphabet is refused.
     */
    @Property
    void refusesACreditCodeWithAnyOneCharacterChanged(@ForAll("creditCodes") String code,
            @ForAll @IntRange(max = 17) int position, @ForAll("replacements") char replacement) {
        Assume.that(code.charAt(position) != replacement);
        String changed = code.substring(0, position) + replacement + code.substring(position + 1);

        assertThat(CreditCodes.isValid(changed)).as(changed).isFalse();
    }

    @Provide
    Arbitrary<String> residentIds() {
        Arbitrary<LocalDate> births = Arbitraries.longs()
                .between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.now().toEpochDay()).map(LocalDate::ofEpochDay);
        return Combinators.combine(Arbitraries.strings().numeric().ofLength(6), births, Arbitraries.strings().numeric().ofLength(3))
                .as((region, birth, sequence) -> Ids.withIdCheckCharacter(region + DateTimeFormatter.BASIC_ISO_DATE.format(birth) + sequence));
    }

    @Provide
    Arbitrary<String> residentIdsEndingInX() {
        return residentIds().filter(id -> id.endsWith("X"));
    }

    @Provide
    Arbitrary<String> creditCodes() {
        return Arbitraries.strings().withChars(Ids.CREDIT_CODE_ALPHABET).ofLength(17).map(Ids::withCreditCheckCharacter);
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.of(REPLACEMENTS.chars().mapToObj(c -> (char) c).toList());
    }
}
