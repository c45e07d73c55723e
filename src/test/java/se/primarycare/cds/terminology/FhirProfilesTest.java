package se.primarycare.cds.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.primarycare.cds.support.TestProfiles;

class FhirProfilesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void projectFilesLoadWithCodeSystemsFirst() {
        FhirProfiles profiles = TestProfiles.profiles();
        assertThat(profiles.files().get(0).resourceType()).isEqualTo("CodeSystem");
        assertThat(profiles.ofType(CodeSystem.class))
                .extracting(CodeSystem::getUrl)
                .contains(
                        "http://www.whocc.no/atc",
                        "http://hl7.org/fhir/sid/icd-10-se",
                        "urn:oid:1.2.752.116.1.3.2.1.4",
                        "https://fhir.primarycare.se/CodeSystem/product");
    }

    @Test
    void atcHierarchyAndDddAreLoaded() {
        TerminologyIndex terminology = TestProfiles.terminology();
        assertThat(terminology.isSelfOrBelow("http://www.whocc.no/atc", "N05BA04", "N05BA"))
                .isTrue();
        assertThat(terminology.isSelfOrBelow("http://www.whocc.no/atc", "N05CF01", "N05BA"))
                .isFalse();
        assertThat(terminology.concept("http://www.whocc.no/atc", "N05BA04").flatMap(c -> c.property("ddd")))
                .contains("50");
    }

    @Test
    void anxietyBlockHasItsCategoriesAndSwedishExtensionsBelowIt() {
        List<String> codes =
                TestProfiles.terminology().selfAndDescendants("http://hl7.org/fhir/sid/icd-10-se", "F40-F48");
        assertThat(codes).contains("F40-F48", "F41", "F41.1", "F43.8A", "F48.9").doesNotContain("F32.1", "F51.0");
        assertThat(codes).noneMatch(c -> c.startsWith("F46") || c.startsWith("F47"));
    }

    @Test
    void malformedJsonFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("CodeSystem-broken.json"), "{\"resourceType\": \"CodeSystem\", ");
        assertThatThrownBy(() -> FhirProfiles.load(FHIR, dir.toUri().toString()))
                .isInstanceOf(ProfileLoadException.class)
                .hasMessageContaining("CodeSystem-broken.json")
                .hasMessageContaining("not a valid FHIR R4 JSON resource");
    }

    @Test
    void unknownElementFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("ValueSet-typo.json"),
                """
                {"resourceType": "ValueSet", "id": "typo", "url": "https://x/ValueSet/typo", "statuz": "active"}
                """);
        assertThatThrownBy(() -> FhirProfiles.load(FHIR, dir.toUri().toString()))
                .hasMessageContaining("ValueSet-typo.json")
                .hasMessageContaining("statuz");
    }

    @Test
    void codeSystemWithoutCompleteContentIsRejectedBecauseSearchWouldSilentlyFindNothing(@TempDir Path dir)
            throws IOException {
        Files.writeString(
                dir.resolve("CodeSystem-frag.json"),
                """
                {"resourceType": "CodeSystem", "id": "frag", "url": "https://x/cs", "status": "active",
                 "content": "fragment", "concept": [{"code": "a", "display": "A"}]}
                """);
        assertThatThrownBy(() -> FhirProfiles.load(FHIR, dir.toUri().toString()))
                .hasMessageContaining("CodeSystem-frag.json")
                .hasMessageContaining("content must be 'complete'");
    }

    @Test
    void duplicateCodeIsRejectedWithItsPath(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("CodeSystem-dup.json"),
                """
                {"resourceType": "CodeSystem", "id": "dup", "url": "https://x/cs", "status": "active",
                 "content": "complete", "concept": [{"code": "a", "display": "A"},
                 {"code": "b", "display": "B", "concept": [{"code": "a", "display": "A again"}]}]}
                """);
        assertThatThrownBy(() -> FhirProfiles.load(FHIR, dir.toUri().toString()))
                .hasMessageContaining("CodeSystem-dup.json")
                .hasMessageContaining("CodeSystem.concept[1].concept[0].code 'a' occurs twice");
    }

    @Test
    void resourceWithoutUrlIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("ValueSet-nourl.json"),
                """
                {"resourceType": "ValueSet", "id": "nourl", "status": "active"}
                """);
        assertThatThrownBy(() -> FhirProfiles.load(FHIR, dir.toUri().toString()))
                .hasMessageContaining("ValueSet-nourl.json")
                .hasMessageContaining("no canonical url");
    }
}
