package org.provincial.reporting.privacy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.support.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.provincial.reporting.reference.ColumnType.RESIDENT_ID;
import static org.provincial.reporting.reference.ColumnType.RESIDENT_ID_OR_CREDIT_CODE;

class ResidentIdHashesTests {

    static final String ID = Ids.residentId("440103", LocalDate.of(1980, 1, 1), 1);
    static final String CREDIT_CODE = Ids.creditCode("440103", 1);

    final ResidentIdHashes hashes = new ResidentIdHashes(key("one key of thirty-two bytes or more"));

    @Test
    void storesAResidentIdAsItsHmacSha256InUnpaddedBase64Url() {
        String stored = hashes.hasher().stored(ID, RESIDENT_ID);

        assertThat(stored).hasSize(43).matches("[A-Za-z0-9_-]+").doesNotContain(ID.substring(6, 14));
        assertThat(hashes.hasher().stored(ID, RESIDENT_ID_OR_CREDIT_CODE)).isEqualTo(stored);
    }

    @Test
    void givesTheSameStoredValueForTheSameIdWhicheverHasherMakesIt() {
        ResidentIdHashes.Hasher hasher = hashes.hasher();
        String first = hasher.stored(ID, RESIDENT_ID);

        assertThat(hasher.stored(ID, RESIDENT_ID)).isEqualTo(first);
        assertThat(hashes.hasher().stored(ID, RESIDENT_ID)).isEqualTo(first);
        assertThat(new ResidentIdHashes(key("one key of thirty-two bytes or more")).hasher().stored(ID, RESIDENT_ID))
                .isEqualTo(first);
        assertThat(hasher.stored(Ids.residentId("440103", LocalDate.of(1980, 1, 1), 2), RESIDENT_ID)).isNotEqualTo(first);
    }

    @Test
    void givesDifferentStoredValuesUnderTwoKeys() {
        ResidentIdHashes other = new ResidentIdHashes(key("another key of thirty-two bytes or more"));

        assertThat(other.hasher().stored(ID, RESIDENT_ID)).isNotEqualTo(hashes.hasher().stored(ID, RESIDENT_ID));
    }

    @Test
    void keepsACreditCodeAsItIsInAColumnOfEither() {
        assertThat(hashes.hasher().stored(CREDIT_CODE, RESIDENT_ID_OR_CREDIT_CODE)).isEqualTo(CREDIT_CODE);
        assertThat(ResidentIdHashes.masked(CREDIT_CODE, RESIDENT_ID_OR_CREDIT_CODE)).isEqualTo(CREDIT_CODE);
        assertThat(hashes.hasher().stored(null, RESIDENT_ID)).isNull();
    }

    @Test
    void masksAResidentIdToItsFirst6AndLast4Characters() {
        assertThat(ResidentIdHashes.masked(ID, RESIDENT_ID)).isEqualTo(ID.substring(0, 6) + "********" + ID.substring(14));
        assertThat(ResidentIdHashes.masked(ID, RESIDENT_ID_OR_CREDIT_CODE)).isEqualTo(ResidentIdHashes.masked(ID, RESIDENT_ID));
        assertThat(ResidentIdHashes.masked(null, RESIDENT_ID)).isNull();
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
