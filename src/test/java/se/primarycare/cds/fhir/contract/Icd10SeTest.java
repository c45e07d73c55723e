package se.primarycare.cds.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Icd10SeTest {

    @ParameterizedTest
    @CsvSource({"F411,F41.1", "f438a,F43.8A", "F41.1,F41.1", "' F432 ',F43.2", "F41,F41", "F40-F48,F40-F48"})
    void codesWithoutDotAreWrittenWithDot(String input, String stored) {
        assertThat(Icd10Se.normalise(input)).isEqualTo(stored);
    }
}
