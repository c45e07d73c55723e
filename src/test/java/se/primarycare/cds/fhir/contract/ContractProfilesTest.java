package se.primarycare.cds.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.ProfileValidator;
import se.primarycare.cds.support.TestProfiles;
import se.primarycare.cds.terminology.CodeHierarchy;

/**
 * The published StructureDefinitions and the server's contract validator must agree: what the server stores,
 * an external validator using our profiles accepts, and the shapes the profiles forbid the server refuses too.
 */
class ContractProfilesTest {

    private static ContractValidator contract;

    @BeforeAll
    static void buildValidator() {
        contract = new ContractValidator(new IcdCodeCheck(new CodeHierarchy(TestProfiles.terminology())));
    }

    @Test
    void contractShapedResourcesConformToTheirProfiles() {
        assertConforms(Fixtures.unit("vc1", "SE2321000065-1001", "Vårdcentralen Bankeryd"), "se-organization");
        assertConforms(Fixtures.patient("191212121212", "1912-12-12", "vc1"), "se-patient");
        assertConforms(Fixtures.diagnosis("Patient/p1", "F41.1", "2026-01-10"), "se-condition");
        assertConforms(Fixtures.prescription("Patient/p1", "N05BA04", "oxazepam-10mg-tab", 25), "se-medicationrequest");
        assertConforms(
                Fixtures.sickLeave("Patient/p1", "Condition/c1", "2026-01-01", "2026-01-14", 50), "se-sick-leave");
        assertConforms(practitioner("SE2321000065-L10011"), "se-practitioner");
        Patient withPal = Fixtures.patient("191212121212", "1912-12-12", "vc1");
        withPal.addGeneralPractitioner(new Reference("Practitioner/pal-1"));
        assertConforms(withPal, "se-patient");
    }

    @Test
    void practitionerWithoutHsaIdOrNameBreaksBothTheProfileAndTheContract() {
        Practitioner noHsaId = practitioner("SE2321000065-L10011");
        noHsaId.getIdentifierFirstRep().setSystem("urn:oid:1.2.752.129.2.1.4.1"); // förskrivarkod, not HSA
        assertThat(errors(noHsaId, "se-practitioner")).isNotEmpty();
        assertThat(contract.validate(noHsaId))
                .extracting(ContractViolation::expression)
                .contains("Practitioner.identifier");

        Practitioner noName = practitioner("SE2321000065-L10011");
        noName.getName().clear();
        assertThat(errors(noName, "se-practitioner")).isNotEmpty();
        assertThat(contract.validate(noName))
                .extracting(ContractViolation::expression)
                .containsExactly("Practitioner.name");
    }

    @Test
    void aPalThatIsNotAPractitionerIsRefusedByTheContract() {
        // The profile restricts the target to Practitioner, but an external validator that cannot resolve the
        // reference does not check its type; the server does.
        Patient patient = Fixtures.patient("191212121212", "1912-12-12", "vc1");
        patient.addGeneralPractitioner(new Reference("PractitionerRole/role-1"));
        assertThat(contract.validate(patient))
                .extracting(ContractViolation::expression)
                .containsExactly("Patient.generalPractitioner[0].reference");
    }

    @Test
    void twoPalsBreakBothTheProfileAndTheContract() {
        Patient patient = Fixtures.patient("191212121212", "1912-12-12", "vc1");
        patient.addGeneralPractitioner(new Reference("Practitioner/pal-1"));
        patient.addGeneralPractitioner(new Reference("Practitioner/pal-2"));
        assertThat(errors(patient, "se-patient")).isNotEmpty();
        assertThat(contract.validate(patient))
                .extracting(ContractViolation::expression)
                .containsExactly("Patient.generalPractitioner");
    }

    static Practitioner practitioner(String hsaId) {
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem(ContractSystems.HSA_ID).setValue(hsaId);
        practitioner.addName().setFamily("Lindqvist").addGiven("Karin");
        return practitioner;
    }

    @Test
    void quantityInMilligramsBreaksBothTheProfileAndTheContract() {
        MedicationRequest request = Fixtures.prescription("Patient/p1", "N05BA04", "oxazepam-10mg-tab", 25);
        request.getDispenseRequest().getQuantity().setUnit("mg");
        assertThat(errors(request, "se-medicationrequest")).isNotEmpty();
        assertThat(contract.validate(request))
                .extracting(ContractViolation::expression)
                .contains("MedicationRequest.dispenseRequest.quantity.unit");
    }

    @Test
    void sickLeaveWithoutPeriodBreaksBothTheProfileAndTheContract() {
        Observation sickLeave = Fixtures.sickLeave("Patient/p1", "Condition/c1", "2026-01-01", "2026-01-14", 50);
        sickLeave.setEffective(null);
        assertThat(errors(sickLeave, "se-sick-leave")).isNotEmpty();
        assertThat(contract.validate(sickLeave))
                .extracting(ContractViolation::expression)
                .contains("Observation.effectivePeriod");
    }

    private static void assertConforms(Resource resource, String profile) {
        assertThat(errors(resource, profile)).as(resource.fhirType()).isEmpty();
        assertThat(contract.validate(resource)).as(resource.fhirType()).isEmpty();
    }

    private static List<String> errors(Resource resource, String profile) {
        return ProfileValidator.errors(resource, profile);
    }
}
