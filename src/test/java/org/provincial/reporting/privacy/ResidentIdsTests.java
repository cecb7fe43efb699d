package org.provincial.reporting.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.provincial.reporting.support.Ids;

class ResidentIdsTests {

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440524188001010014"})
    void acceptsKnownValidPublicExampleIds(String id) {
        assertThat(ResidentIds.isValid(id)).isTrue();
    }

    @Test
    void givesTheCheckCharacterOfPublicExampleIds() {
        assertThat(ResidentIds.checkCharacter("44052418800101001")).isEqualTo('4');
        assertThat(ResidentIds.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @Test
    void rejectsAResidentIdWithAWrongCheckCharacter() {
        assertThat(ResidentIds.isValid("110105194912310021")).isFalse();
        assertThat(ResidentIds.check("110105194912310021")).isEqualTo(ResidentIds.Problem.CHECK_CHARACTER);
    }

    @Test
    void acceptsIdsWhoseCheckCharacterIsComputedFromTheAlgorithm() {
        assertThat(ResidentIds.isValid(Ids.withIdCheckCharacter("44010319900307123"))).isTrue();
        assertThat(ResidentIds.isValid(Ids.withIdCheckCharacter("44010320000229456"))).isTrue();
        assertThat(ResidentIds.isValid(Ids.withIdCheckCharacter("44010319900307123").substring(0, 17) + "Y")).isFalse();
    }

    @Test
    void rejectsEveryWrongCheckCharacter() {
        String valid = Ids.withIdCheckCharacter("44010319900307123");
        for (char check : "0123456789X".toCharArray()) {
            String id = valid.substring(0, 17) + check;
            assertThat(ResidentIds.isValid(id)).as(id).isEqualTo(id.equals(valid));
        }
    }

    @Test
    void rejectsALowerCaseXBecauseCallersUpperCaseFirst() {
        assertThat(ResidentIds.isValid("11010519491231002x")).isFalse();
    }

    @Test
    void rejectsFifteenDigitIds() {
        assertThat(ResidentIds.isValid("110105491231002")).isFalse();
        assertThat(ResidentIds.check("110105491231002")).isEqualTo(ResidentIds.Problem.LENGTH);
    }

    @Test
    void rejectsIdsWithLettersInsideOrOfTheWrongLength() {
        assertThat(ResidentIds.check("1101051949123100AX")).isEqualTo(ResidentIds.Problem.CHARACTERS);
        assertThat(ResidentIds.check("11010519491231002Y")).isEqualTo(ResidentIds.Problem.CHARACTERS);
        assertThat(ResidentIds.check("11010519491231002X1")).isEqualTo(ResidentIds.Problem.LENGTH);
        assertThat(ResidentIds.check("")).isEqualTo(ResidentIds.Problem.LENGTH);
        assertThat(ResidentIds.check(null)).isEqualTo(ResidentIds.Problem.LENGTH);
    }

    @Test
    void rejectsABirthDateThatDoesNotExist() {
        String id = Ids.withIdCheckCharacter("44010319900230123");
        assertThat(ResidentIds.check(id)).isEqualTo(ResidentIds.Problem.BIRTH_DATE);
        assertThat(ResidentIds.check(Ids.withIdCheckCharacter("44010319901301123"))).isEqualTo(ResidentIds.Problem.BIRTH_DATE);
    }

    @Test
    void rejectsABirthDateAfterToday() {
        String tomorrow = LocalDate.now().plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(ResidentIds.check(Ids.withIdCheckCharacter("440103" + tomorrow + "123"))).isEqualTo(ResidentIds.Problem.BIRTH_DATE);
        String today = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(ResidentIds.isValid(Ids.withIdCheckCharacter("440103" + today + "123"))).isTrue();
    }

    @Test
    void rejectsABirthYearBefore1800() {
        assertThat(ResidentIds.check(Ids.withIdCheckCharacter("44010317991231123"))).isEqualTo(ResidentIds.Problem.BIRTH_DATE);
        assertThat(ResidentIds.isValid(Ids.withIdCheckCharacter("44010318000101123"))).isTrue();
    }

    @Test
    void masksAllButTheFirstSixAndLastFourCharacters() {
        assertThat(ResidentIds.mask("11010519491231002X")).isEqualTo("110105********002X");
        assertThat(ResidentIds.mask("110105491231002")).isEqualTo("110105*****1002");
    }

    @Test
    void masksShortTextEntirely() {
        assertThat(ResidentIds.mask("1234567890")).isEqualTo("**********");
        assertThat(ResidentIds.mask("12")).isEqualTo("**");
        assertThat(ResidentIds.mask("")).isEmpty();
        assertThat(ResidentIds.mask(null)).isNull();
    }

    @Test
    void tellsPersonalIdsFromCreditCodesByTheirCharacters() {
        assertThat(ResidentIds.looksPersonal("11010519491231002X")).isTrue();
        assertThat(ResidentIds.looksPersonal("110105194912310021")).isTrue();
        assertThat(ResidentIds.looksPersonal("12345")).isTrue();
        assertThat(ResidentIds.looksPersonal("91350100M000100Y43")).isFalse();
        assertThat(ResidentIds.looksPersonal("1101051949123100XX")).isFalse();
        assertThat(ResidentIds.looksPersonal("")).isFalse();
    }
}
