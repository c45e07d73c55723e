package se.primarycare.cds.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalIdentityNumberTest {

    @Test
    void skatteverketsExampleNumberIsValid() {
        assertThat(PersonalIdentityNumber.isValidPersonnummer("191212121212")).isTrue();
        assertThat(PersonalIdentityNumber.birthDate("191212121212", false)).contains(LocalDate.of(1912, 12, 12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"191212121213", "19121212121", "1912121212120", "191213321212", "19121212121X", ""})
    void wrongCheckDigitLengthOrDateIsRejected(String value) {
        assertThat(PersonalIdentityNumber.isValidPersonnummer(value)).isFalse();
    }

    @Test
    void checkDigitIsComputedOverTheLastNineOfElevenDigits() {
        assertThat(PersonalIdentityNumber.checkDigit("19121212121")).isEqualTo(2);
        assertThat(PersonalIdentityNumber.checkDigit("19811218987")).isEqualTo(6);
    }

    @Test
    void samordningsnummerHasDayPlusSixty() {
        String base = "19701063123";
        String number = base + PersonalIdentityNumber.checkDigit(base);
        assertThat(PersonalIdentityNumber.isValidSamordningsnummer(number)).isTrue();
        assertThat(PersonalIdentityNumber.isValidPersonnummer(number)).isFalse();
        assertThat(PersonalIdentityNumber.birthDate(number, true)).contains(LocalDate.of(1970, 10, 3));
    }

    @Test
    void separatorsAreRemoved() {
        assertThat(PersonalIdentityNumber.normalise("19121212-1212")).isEqualTo("191212121212");
        assertThat(PersonalIdentityNumber.normalise(" 19121212 1212")).isEqualTo("191212121212");
    }
}
