package se.primarycare.cds.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HsaIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"SE2321000065-1001", "SE2321000065-L10011", "SE2321000016-15CQ", "SE2321000065-a1b2"})
    void unitAndClinicianIdsOfTheCatalogueFormAreValid(String value) {
        assertThat(HsaId.isValid(value)).as(value).isTrue();
        assertThat(HsaId.problem(value)).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "SE2321000065-", // nothing after the hyphen
                "SE2321000065", // no hyphen
                "SE232100-0065-1001", // organisation number with hyphen
                "SE232100006-1001", // nine digits
                "SE23210000651-1001", // eleven digits
                "se2321000065-1001", // country code in lower case
                "NO2321000065-1001",
                "SE2321000065-Ö1", // å, ä, ö are not allowed
                "SE2321000065-L@1",
                "SE2321000065-vc-audit", // only letters and digits after the hyphen
                " SE2321000065-1001",
                "SE2321000065-1234567890123456789" // 32 characters
            })
    void otherShapesAreNot(String value) {
        assertThat(HsaId.isValid(value)).as(value).isFalse();
        assertThat(HsaId.problem(value)).contains("is not an HSA-id").contains("SE2321000065-1001");
    }

    @Test
    void atMostThirtyOneCharacters() {
        String thirtyOne = "SE2321000065-" + "A".repeat(31 - 13);
        assertThat(thirtyOne).hasSize(31);
        assertThat(HsaId.isValid(thirtyOne)).isTrue();
        assertThat(HsaId.isValid(thirtyOne + "A")).isFalse();
    }
}
