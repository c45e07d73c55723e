package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.security.SmartScopes.Interaction;

class SmartScopesTest {

    @Test
    void v2LettersGrantExactlyTheirInteractionsOnTheirType() {
        SmartScopes scopes = SmartScopes.parse(List.of("user/MedicationRequest.cru"));
        assertThat(scopes.allows("MedicationRequest", Interaction.CREATE)).isTrue();
        assertThat(scopes.allows("MedicationRequest", Interaction.READ)).isTrue();
        assertThat(scopes.allows("MedicationRequest", Interaction.UPDATE)).isTrue();
        assertThat(scopes.allows("MedicationRequest", Interaction.DELETE)).isFalse();
        assertThat(scopes.allows("MedicationRequest", Interaction.SEARCH)).isFalse();
        assertThat(scopes.allows("Patient", Interaction.READ)).isFalse();
    }

    @Test
    void wildcardTypeCoversEveryType() {
        SmartScopes scopes = SmartScopes.parse(List.of("system/*.rs"));
        assertThat(scopes.allows("Condition", Interaction.SEARCH)).isTrue();
        assertThat(scopes.allows("*", Interaction.READ)).isTrue();
        assertThat(scopes.allows("Condition", Interaction.CREATE)).isFalse();
    }

    @Test
    void v1ReadAndWriteMapToTheirV2Equivalents() {
        SmartScopes scopes = SmartScopes.parse(List.of("user/Patient.read", "user/Condition.write"));
        assertThat(scopes.allows("Patient", Interaction.READ)).isTrue();
        assertThat(scopes.allows("Patient", Interaction.SEARCH)).isTrue();
        assertThat(scopes.allows("Patient", Interaction.UPDATE)).isFalse();
        assertThat(scopes.allows("Condition", Interaction.CREATE)).isTrue();
        assertThat(scopes.allows("Condition", Interaction.DELETE)).isTrue();
        assertThat(scopes.allows("Condition", Interaction.READ)).isFalse();
    }

    @Test
    void patientScopesQueryRestrictionsAndNonsenseGrantNothing() {
        SmartScopes scopes = SmartScopes.parse(List.of(
                "patient/*.cruds",
                "user/Observation.rs?category=laboratory",
                "openid",
                "fhirUser",
                "user/*.xyz",
                "user/*.",
                "system/patient.r"));
        for (Interaction interaction : Interaction.values()) {
            assertThat(scopes.allows("Observation", interaction)).isFalse();
            assertThat(scopes.allows("patient", interaction)).isFalse();
            assertThat(scopes.allows("*", interaction)).isFalse();
        }
    }
}
