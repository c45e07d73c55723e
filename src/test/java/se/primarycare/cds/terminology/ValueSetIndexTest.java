package se.primarycare.cds.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.support.TestProfiles;

class ValueSetIndexTest {

    private static final String ATC = "http://www.whocc.no/atc";
    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-se";

    private final ValueSetIndex valueSets = new ValueSetIndex(
            TestProfiles.profiles().ofType(ValueSet.class), new CodeHierarchy(TestProfiles.terminology()));

    @Test
    void benzodiazepinesAreN05baAndClonazepamButNotHydroxyzineOrZDrugs() {
        assertThat(valueSets.contains("benzodiazepines", ATC, "N05BA04")).isTrue();
        assertThat(valueSets.contains("benzodiazepines", ATC, "N03AE01")).isTrue();
        assertThat(valueSets.contains("benzodiazepines", ATC, "N05BB01")).isFalse();
        assertThat(valueSets.contains("benzodiazepines", ATC, "N05CF01")).isFalse();
    }

    @Test
    void substancesMissingFromTheAtcFragmentStillBelongToTheirGroup() {
        // N05BA08 bromazepam is not in atc.csv but is a benzodiazepine by its ATC spelling.
        assertThat(valueSets.contains("https://fhir.primarycare.se/ValueSet/benzodiazepines", ATC, "N05BA08"))
                .isTrue();
        assertThat(valueSets.contains("opioids", ATC, "N02AB03")).isTrue();
    }

    @Test
    void anxietyCoversTheBlockWithSwedishExtensionsButNotDepression() {
        assertThat(valueSets.contains("anxiety", ICD, "F43.8A")).isTrue();
        assertThat(valueSets.contains("anxiety", ICD, "F41.1")).isTrue();
        assertThat(valueSets.contains("anxiety", ICD, "F32.1")).isFalse();
        assertThat(valueSets.contains("psychiatric", ICD, "F32.1")).isTrue();
        assertThat(valueSets.contains("psychiatric", ICD, "F20.0")).isTrue();
        assertThat(valueSets.contains("psychiatric", ICD, "J06.9")).isFalse();
    }

    @Test
    void substanceUseIsF10ToF19WithoutTobacco() {
        assertThat(valueSets.contains("https://fhir.primarycare.se/ValueSet/substance-use", ICD, "F10.2"))
                .isTrue();
        assertThat(valueSets.contains("substance-use", ICD, "F19.9")).isTrue();
        assertThat(valueSets.contains("substance-use", ICD, "F11")).isTrue();
        assertThat(valueSets.contains("substance-use", ICD, "F13.2")).isTrue();
        assertThat(valueSets.contains("substance-use", ICD, "F18.1")).isTrue();
        assertThat(valueSets.contains("substance-use", ICD, "F17.2")).isFalse();
        assertThat(valueSets.contains("substance-use", ICD, "F17")).isFalse();
        assertThat(valueSets.contains("substance-use", ICD, "F10-F19")).isFalse();
        assertThat(valueSets.contains("substance-use", ICD, "F41.1")).isFalse();
        assertThat(valueSets.contains("substance-use", ATC, "F10.2")).isFalse();
    }

    @Test
    void gabapentinoidsAreN02bfAndDependenceInducingTakesThemAll() {
        assertThat(valueSets.contains("https://fhir.primarycare.se/ValueSet/gabapentinoids", ATC, "N02BF01"))
                .isTrue();
        assertThat(valueSets.contains("gabapentinoids", ATC, "N02BF02")).isTrue();
        assertThat(valueSets.contains("gabapentinoids", ATC, "N03AX12")).isFalse();
        assertThat(valueSets.contains("gabapentinoids", ATC, "N02AA05")).isFalse();
        assertThat(valueSets.contains("dependence-inducing", ATC, "N02BF01")).isTrue();
        assertThat(valueSets.contains("dependence-inducing", ATC, "N02BF02")).isTrue();
        assertThat(valueSets.contains("dependence-inducing", ATC, "N06AB06")).isFalse();
    }

    @Test
    void medicationReviewIsXv015AndXv016() {
        String kva = "urn:oid:1.2.752.116.1.3.2.1.4";
        assertThat(valueSets.contains("medication-review", kva, "XV015")).isTrue();
        assertThat(valueSets.contains("medication-review", kva, "XV016")).isTrue();
        assertThat(valueSets.contains("medication-review", kva, "DU011")).isFalse();
    }

    @Test
    void wrongSystemIsNotAMember() {
        assertThat(valueSets.contains("anxiety", ATC, "F41.1")).isFalse();
        assertThat(valueSets.contains("kbt", "urn:oid:1.2.752.116.1.3.2.1.4", "DU011"))
                .isTrue();
    }
}
