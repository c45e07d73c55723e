package se.primarycare.cds.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.TestProfiles;
import se.primarycare.cds.terminology.CodeHierarchy;

/** The contract's Practitioner (HSA-id, name) and PAL (Patient.generalPractitioner), without a server. */
class RegularDoctorContractTest {

    private static ContractValidator contract;

    @BeforeAll
    static void buildValidator() {
        contract = new ContractValidator(new IcdCodeCheck(new CodeHierarchy(TestProfiles.terminology())));
    }

    @Test
    void practitionerWithHsaIdAndNameIsValid() {
        assertThat(contract.validate(practitioner("SE2321000065-L10011"))).isEmpty();
        Practitioner textName = practitioner("SE2321000065-L10011");
        textName.getName().clear();
        textName.addName().setText("Dr Karin Lindqvist");
        assertThat(contract.validate(textName)).isEmpty();
    }

    @Test
    void otherIdentifiersBesideTheHsaIdAreAllowed() {
        Practitioner practitioner = practitioner("SE2321000065-L10011");
        practitioner
                .getIdentifier()
                .add(
                        0,
                        new Identifier()
                                .setSystem("urn:oid:1.2.752.129.2.1.4.1")
                                .setValue("123456"));
        assertThat(contract.validate(practitioner)).isEmpty();
    }

    @Test
    void malformedHsaIdIsNamedByItsIndex() {
        Practitioner practitioner = practitioner("SE2321000065-L10011");
        practitioner
                .getIdentifier()
                .add(
                        0,
                        new Identifier()
                                .setSystem("urn:oid:1.2.752.129.2.1.4.1")
                                .setValue("123456"));
        practitioner.getIdentifier().get(1).setValue("SE232100-0065-L1");
        assertThat(contract.validate(practitioner)).singleElement().satisfies(v -> {
            assertThat(v.expression()).isEqualTo("Practitioner.identifier[1].value");
            assertThat(v.message()).contains("'SE232100-0065-L1' is not an HSA-id");
        });
    }

    @Test
    void anHsaIdIsRequiredAndOnlyOne() {
        Practitioner none = practitioner("SE2321000065-L10011");
        none.getIdentifier().clear();
        assertThat(contract.validate(none))
                .extracting(ContractViolation::expression)
                .containsExactly("Practitioner.identifier");
        Practitioner two = practitioner("SE2321000065-L10011");
        two.addIdentifier().setSystem(ContractSystems.HSA_ID).setValue("SE2321000065-L10012");
        assertThat(contract.validate(two))
                .extracting(ContractViolation::message)
                .containsExactly("one HSA-id per practitioner, found 2");
    }

    @Test
    void aNameWithoutAnyPartIsNoName() {
        Practitioner practitioner = practitioner("SE2321000065-L10011");
        practitioner.getName().clear();
        practitioner.addName().setUse(org.hl7.fhir.r4.model.HumanName.NameUse.OFFICIAL);
        assertThat(contract.validate(practitioner))
                .extracting(ContractViolation::expression)
                .containsExactly("Practitioner.name");
    }

    @Test
    void aPatientWithoutPalOrWithAPractitionerAsPalIsValid() {
        assertThat(contract.validate(patientWithPal(null))).isEmpty();
        assertThat(contract.validate(patientWithPal(new Reference("Practitioner/pal-1"))))
                .isEmpty();
    }

    @Test
    void aPalOfAnotherTypeIsRefused() {
        for (String target : new String[] {"PractitionerRole/role-1", "Organization/vc1", "#pal"}) {
            assertThat(contract.validate(patientWithPal(new Reference(target))))
                    .as(target)
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.expression()).isEqualTo("Patient.generalPractitioner[0].reference");
                        assertThat(v.message())
                                .contains("must be a Practitioner")
                                .contains(target);
                    });
        }
    }

    @Test
    void aPalGivenOnlyByIdentifierIsRefused() {
        Reference byHsaId = new Reference()
                .setType("Practitioner")
                .setIdentifier(
                        new Identifier().setSystem(ContractSystems.HSA_ID).setValue("SE2321000065-L10011"));
        assertThat(contract.validate(patientWithPal(byHsaId)))
                .extracting(ContractViolation::expression)
                .containsExactly("Patient.generalPractitioner[0].reference");
    }

    @Test
    void aTransactionPlaceholderIsCheckedOnceResolved() {
        Patient placeholder = patientWithPal(new Reference("urn:uuid:0f2c1e3a-0000-4000-8000-000000000001"));
        assertThat(contract.validate(placeholder)).isEmpty();
        assertThat(contract.validateResolvedReferences(placeholder))
                .extracting(ContractViolation::expression)
                .containsExactly("Patient.generalPractitioner[0].reference");
        assertThat(contract.validateResolvedReferences(patientWithPal(new Reference("Organization/vc1"))))
                .isNotEmpty();
        assertThat(contract.validateResolvedReferences(patientWithPal(new Reference("Practitioner/pal-1"))))
                .isEmpty();
    }

    @Test
    void atMostOnePal() {
        Patient patient = patientWithPal(new Reference("Practitioner/pal-1"));
        patient.addGeneralPractitioner(new Reference("Practitioner/pal-2"));
        assertThat(contract.validate(patient))
                .extracting(ContractViolation::expression)
                .containsExactly("Patient.generalPractitioner");
    }

    private static Practitioner practitioner(String hsaId) {
        return ContractProfilesTest.practitioner(hsaId);
    }

    private static Patient patientWithPal(Reference pal) {
        Patient patient = Fixtures.patient("191212121212", "1912-12-12", "vc1");
        if (pal != null) {
            patient.addGeneralPractitioner(pal);
        }
        return patient;
    }
}
