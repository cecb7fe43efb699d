package org.provincial.reporting.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.provincial.reporting.support.Ids;

class CreditCodesTests {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000600037341L"})
    void acceptsKnownValidPublicExampleCodes(String code) {
        assertThat(CreditCodes.isValid(code)).isTrue();
    }

    @Test
    void givesTheCheckCharacterOfPublicExampleCodes() {
        assertThat(CreditCodes.checkCharacter("91350100M000100Y4")).isEqualTo('3');
        assertThat(CreditCodes.checkCharacter("91110000600037341")).isEqualTo('L');
    }

    @Test
    void acceptsOnlyTheCheckCharacterTheAlgorithmGives() {
        String valid = "91350100M000100Y43";
        for (char check : Ids.CREDIT_CODE_ALPHABET.toCharArray()) {
            String code = valid.substring(0, 17) + check;
            assertThat(CreditCodes.isValid(code)).as(code).isEqualTo(code.equals(valid));
        }
    }

    @Test
    void acceptsACodeWhoseCheckCharacterIsZero() {
        // the 17th character's weight (28) is prime to 31, so exactly one choice of it makes the check character 0
        String first16 = "91440101MA59K3T1";
        String code = Ids.CREDIT_CODE_ALPHABET.chars().mapToObj(c -> Ids.withCreditCheckCharacter(first16 + (char) c))
                .filter(withCheck -> withCheck.endsWith("0"))
                .findFirst().orElseThrow();

        assertThat(CreditCodes.isValid(code)).isTrue();
    }

    @Test
    void doesNotCheckTheEmbeddedOrganisationCodesOwnCheckDigit() {
        // characters 9-17 of 91110000600037341L are the organisation code 60003734-1; with its own check digit
        // changed to 2 (wrong under GB 11714) and the 18th character recomputed, the code is still valid
        String code = Ids.withCreditCheckCharacter("9111000060003734" + "2");

        assertThat(code).isNotEqualTo("91110000600037341L");
        assertThat(CreditCodes.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100I000100Y43", "91350100O000100Y43", "91350100Z000100Y43", "91350100S000100Y43",
            "91350100V000100Y43", "91350100m000100Y43", "9135010-M000100Y43", "91350100M000100Y4中"})
    void rejectsCharactersOutsideTheAlphabet(String code) {
        assertThat(CreditCodes.check(code)).isEqualTo(CreditCodes.Problem.CHARACTERS);
    }

    @Test
    void rejectsACodeWithAWrongCheckCharacter() {
        assertThat(CreditCodes.check("91350100M000100Y44")).isEqualTo(CreditCodes.Problem.CHECK_CHARACTER);
    }

    @Test
    void rejectsCodesOfTheWrongLength() {
        assertThat(CreditCodes.check("91350100M000100Y4")).isEqualTo(CreditCodes.Problem.LENGTH);
        assertThat(CreditCodes.check("91350100M000100Y430")).isEqualTo(CreditCodes.Problem.LENGTH);
        assertThat(CreditCodes.check(null)).isEqualTo(CreditCodes.Problem.LENGTH);
    }
}
