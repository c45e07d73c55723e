package se.primarycare.cds.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.primarycare.cds.support.ProfileValidator;
import se.primarycare.cds.support.TestProfiles;

class FhirProfilesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String KVA = "urn:oid:1.2.752.116.1.3.2.1.4";

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
    void kvaVerifiedFollowsTheReferenceTable() throws IOException {
        Path kvaCsv = Path.of("fhir-profiles", "codes", "kva.csv");
        TerminologyIndex terminology = TestProfiles.terminology();
        List<String> lines = Files.readAllLines(kvaCsv);
        assertThat(lines.get(0)).isEqualTo("code,name_sv,name_en,group,verified");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String code = line.substring(0, line.indexOf(','));
            String verified = line.substring(line.lastIndexOf(',') + 1).trim();
            assertThat(terminology.concept(KVA, code).flatMap(c -> c.property("verified")))
                    .as(code)
                    .contains(String.valueOf("yes".equals(verified)));
        }
        assertThat(terminology.concepts(KVA)).hasSize(lines.size() - 1);
    }

    @Test
    void kvaCodesVerifiedByTheSeedsCodingGuidanceAreVerifiedAndTheRestAreNot() {
        TerminologyIndex terminology = TestProfiles.terminology();
        for (String code : List.of("DV131", "DV133", "AW005", "DU011")) {
            assertThat(terminology.concept(KVA, code).orElseThrow().flag("verified"))
                    .as(code)
                    .isTrue();
        }
        for (String code : List.of("XV015", "XV016", "DU010", "DU020")) {
            assertThat(terminology.concept(KVA, code).orElseThrow().flag("verified"))
                    .as(code)
                    .isFalse();
        }
        assertThat(terminology.concept(KVA, "DU011").orElseThrow().display())
                .isEqualTo("Systematisk psykologisk behandling, kognitiv beteendeterapeutisk");
        CodeSystem kva = profiles(CodeSystem.class, "urn:oid:1.2.752.116.1.3.2.1.4");
        assertThat(kva.getDescription())
                .contains("not verified: DU010")
                .doesNotContain("not verified: DU010, DU020, DV131");
    }

    @Test
    void careplanCategoriesAreRehabPlanAndMedicationPlan() {
        TerminologyIndex terminology = TestProfiles.terminology();
        String system = "https://fhir.primarycare.se/CodeSystem/careplan-category";
        assertThat(terminology.concept(system, "rehab-plan")).isPresent();
        assertThat(terminology.concept(system, "medication-plan").orElseThrow().display())
                .isEqualTo("Läkemedelsplan / nedtrappningsplan");
    }

    @Test
    void cdsRuleCodeSystemHasTheVersionTwoRules() {
        TerminologyIndex terminology = TestProfiles.terminology();
        String system = "https://fhir.primarycare.se/CodeSystem/cds-rule";
        assertThat(terminology.concepts(system))
                .extracting(Concept::code)
                .contains(
                        "benzo-anxiety",
                        "starter-pack",
                        "opioid-benzo",
                        "long-term-use",
                        "insomnia-nonpharm",
                        "sick-leave-activity",
                        "sick-leave-rehab-plan",
                        "patient-leaflet",
                        "dependence-history",
                        "sick-leave-ending",
                        "far-follow-up");
        CodeSystem rules = profiles(CodeSystem.class, system);
        assertThat(definition(rules, "opioid-benzo")).contains("gabapentinoid");
        assertThat(definition(rules, "long-term-use")).contains("opioids", "180 days", "medication-plan");
        assertThat(definition(rules, "benzo-anxiety")).contains("renewal", "medication review", "läkemedelsplan");
        assertThat(definition(rules, "dependence-history")).contains("F10–F16, F18, F19", "not F17");
    }

    @Test
    void medicationPlanConformsToItsProfileAndARehabPlanDoesNot() {
        CarePlan plan = new CarePlan();
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(new CodeableConcept(
                new Coding("https://fhir.primarycare.se/CodeSystem/careplan-category", "medication-plan", null)));
        plan.setSubject(new Reference("Patient/p1"));
        plan.setCreatedElement(new DateTimeType("2026-03-01"));
        plan.addAddresses(new Reference("Condition/c1"));
        plan.addActivity()
                .getDetail()
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setProduct(new CodeableConcept(new Coding("http://www.whocc.no/atc", "N05BA04", "oxazepam")))
                .setDescription("Nedtrappning av oxazepam med 5 mg varannan vecka till utsättning");
        assertThat(ProfileValidator.errors(plan, "se-medication-plan")).isEmpty();

        CarePlan noDrug = plan.copy();
        noDrug.getActivityFirstRep().getDetail().setProduct(null);
        assertThat(ProfileValidator.errors(noDrug, "se-medication-plan")).isNotEmpty();

        CarePlan rehab = plan.copy();
        rehab.getCategoryFirstRep().getCodingFirstRep().setCode("rehab-plan");
        assertThat(ProfileValidator.errors(rehab, "se-medication-plan")).isNotEmpty();
        assertThat(ProfileValidator.errors(rehab, "se-rehab-plan")).isEmpty();
    }

    private static <T extends MetadataResource> T profiles(Class<T> type, String url) {
        return TestProfiles.profiles().ofType(type).stream()
                .filter(r -> url.equals(r.getUrl()))
                .findFirst()
                .orElseThrow();
    }

    private static String definition(CodeSystem codeSystem, String code) {
        return codeSystem.getConcept().stream()
                .filter(c -> code.equals(c.getCode()))
                .findFirst()
                .orElseThrow()
                .getDefinition();
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
