package se.primarycare.cds.terminology.fhirpackage;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.support.Fixtures;

/**
 * An external party validating with the built package and nothing else of ours (HAPI's instance validator, the
 * R4 core definitions, in-memory terminology) accepts contract-shaped data, including valid official codes our
 * subsets lack, and rejects data that breaks a profile.
 */
class FhirPackageValidationTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PROFILE = "https://fhir.primarycare.se/StructureDefinition/";
    private static final String ICD_10_SE = "http://hl7.org/fhir/sid/icd-10-se";
    private static final String KVA = "urn:oid:1.2.752.116.1.3.2.1.4";
    private static final String[] RESOURCE_TYPES = {
        "CodeSystem", "ValueSet", "StructureDefinition", "ConceptMap", "Measure", "ImplementationGuide"
    };

    private static FhirValidator validator;
    private static NpmPackageValidationSupport packageSupport;
    private static NpmPackage npm;

    @BeforeAll
    static void loadThePackageIntoTheValidator() throws IOException {
        npm = BuiltFhirPackage.load();
        packageSupport = new NpmPackageValidationSupport(FHIR);
        IParser parser = FHIR.newJsonParser();
        for (String file : npm.listResources(RESOURCE_TYPES)) {
            try (InputStream in = npm.load("package", file)) {
                packageSupport.addResource(parser.parseResource(in));
            }
        }
        ValidationSupportChain chain = new ValidationSupportChain(
                packageSupport,
                new DefaultProfileValidationSupport(FHIR),
                new SnapshotGeneratingValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR));
        validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    @Test
    void thePackageProvidesEveryProfileToTheValidator() throws IOException {
        assertThat(npm.listResources("StructureDefinition")).isNotEmpty().allSatisfy(file -> {
            String id = file.substring("StructureDefinition-".length(), file.length() - ".json".length());
            assertThat(packageSupport.fetchStructureDefinition(PROFILE + id))
                    .as(file)
                    .isNotNull();
        });
    }

    @Test
    void aPatientWithAPersonnummerConforms() {
        assertThat(errors(Fixtures.patient("191212121212", "1912-12-12", "vc1"), "se-patient"))
                .isEmpty();
    }

    @Test
    void aConditionWithAnIcd10SeCodeOfTheSubsetConforms() {
        assertThat(errors(Fixtures.diagnosis("Patient/p1", "F41.1", "2026-01-10"), "se-condition"))
                .isEmpty();
    }

    @Test
    void aConditionWithAValidIcd10SeCodeOutsideTheSubsetIsNoError() {
        // F20.0 (paranoid schizofreni) is an official ICD-10-SE code that icd10se.csv does not list
        assertThat(packageSupport.fetchCodeSystem(ICD_10_SE)).isNotNull();
        assertThat(errors(Fixtures.diagnosis("Patient/p1", "F20.0", "2026-01-10"), "se-condition"))
                .isEmpty();
    }

    @Test
    void aMedicationRequestWithAtcAndProductConforms() {
        assertThat(errors(
                        Fixtures.prescription("Patient/p1", "N05BA04", "oxazepam-10mg-tab", 25),
                        "se-medicationrequest"))
                .isEmpty();
    }

    @Test
    void aProcedureWithAKvaCodeConforms() {
        assertThat(errors(procedure("DU011"), "se-procedure")).isEmpty();
    }

    @Test
    void aConditionWithoutSubjectOrCodeBreaksTheProfile() {
        Condition condition = Fixtures.diagnosis("Patient/p1", "F41.1", "2026-01-10");
        condition.setSubject(null);
        condition.setCode(null);
        assertThat(errors(condition, "se-condition"))
                .anyMatch(e -> e.contains("Condition.subject"))
                .anyMatch(e -> e.contains("Condition.code"));
    }

    @Test
    void aProcedureWithoutPerformedBreaksTheProfile() {
        Procedure procedure = procedure("DU011");
        procedure.setPerformed(null);
        assertThat(errors(procedure, "se-procedure")).anyMatch(e -> e.contains("Procedure.performed"));
    }

    @Test
    void theImplementationGuideOfThePackageIsAValidImplementationGuide() throws IOException {
        ImplementationGuide guide;
        try (InputStream in = npm.load("package", "ImplementationGuide-se.primarycare.cds.json")) {
            guide = FHIR.newJsonParser().parseResource(ImplementationGuide.class, in);
        }
        assertThat(errors(guide, null)).isEmpty();
        // every resource of the package but the guide itself
        assertThat(guide.getDefinition().getResource())
                .hasSize(npm.listResources(RESOURCE_TYPES).size() - 1);
    }

    private static Procedure procedure(String kva) {
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(new CodeableConcept(new Coding(KVA, kva, null)));
        procedure.setSubject(new Reference("Patient/p1"));
        procedure.setPerformed(new DateTimeType(new Date()));
        return procedure;
    }

    /** Error-level messages with their location; the profile (when given) is declared in meta.profile. */
    private static List<String> errors(Resource resource, String profile) {
        Resource copy = resource.copy();
        if (profile != null) {
            copy.getMeta().addProfile(PROFILE + profile);
        }
        return validator.validateWithResult(copy).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
