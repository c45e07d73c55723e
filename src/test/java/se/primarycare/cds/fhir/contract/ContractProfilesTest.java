package se.primarycare.cds.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
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
