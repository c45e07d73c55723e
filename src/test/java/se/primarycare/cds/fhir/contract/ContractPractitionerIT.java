package se.primarycare.cds.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static se.primarycare.cds.support.FhirHttp.encode;

import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;

/**
 * The PAL of data contract version 2 against the real HAPI JPA server: Practitioners need an HSA-id and a name,
 * {@code Patient.generalPractitioner} must point to a Practitioner that exists, and a refused write stores
 * nothing, whether sent alone or in a transaction. Fixture values carry a per-run suffix, so the database can
 * be shared with other test classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractPractitionerIT {

    private static final String HSA = "urn:oid:1.2.752.29.4.19";

    @LocalServerPort
    int port;

    FhirHttp fhir;
    String suffix;
    String unit;

    @BeforeAll
    void unit() {
        fhir = new FhirHttp(port);
        suffix = UUID.randomUUID().toString().substring(0, 8);
        unit = fhir.putUnit("vc-pal-" + suffix, "Vårdcentralen PAL");
    }

    @Test
    void aPractitionerWithHsaIdAndNameIsThePalOfAPatient() {
        String palId = "pal-" + suffix;
        fhir.put("Practitioner/" + palId, json(practitioner(palId, hsaId("L1"))))
                .expectOk(Practitioner.class);
        String patient = fhir.createId(patient("191212121212", "Practitioner/" + palId));

        Patient stored = fhir.get(patient).expectOk(Patient.class);
        assertThat(stored.getGeneralPractitionerFirstRep().getReference()).isEqualTo("Practitioner/" + palId);
        assertThat(ids("Patient?general-practitioner=Practitioner/" + palId)).containsExactly(patient);
        assertThat(fhir.count("Practitioner?identifier=" + encode(HSA + "|" + hsaId("L1"))))
                .isEqualTo(1);
    }

    @Test
    void aMalformedHsaIdIs422AndNothingIsStored() {
        String malformed = "SE232100-0065-" + suffix; // organisation number with hyphen
        FhirHttp.Response response = fhir.create(practitioner(null, malformed));
        assertRejected(response, 422, "Practitioner.identifier[0].value");
        assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("is not an HSA-id");
        assertThat(fhir.count("Practitioner?identifier=" + encode(HSA + "|" + malformed)))
                .isZero();
    }

    @Test
    void aPractitionerWithoutNameOrHsaIdIs422() {
        Practitioner nameless = practitioner(null, hsaId("L2"));
        nameless.getName().clear();
        assertRejected(fhir.create(nameless), 422, "Practitioner.name");
        assertThat(fhir.count("Practitioner?identifier=" + encode(HSA + "|" + hsaId("L2"))))
                .isZero();

        Practitioner withoutHsaId = practitioner(null, hsaId("L3"));
        withoutHsaId.getIdentifierFirstRep().setSystem("urn:oid:1.2.752.129.2.1.4.1");
        assertRejected(fhir.create(withoutHsaId), 422, "Practitioner.identifier");
    }

    @Test
    void aUnitOrPractitionerRoleAsPalIs422AndThePatientIsNotStored() {
        String practitioner = fhir.createId(practitioner(null, hsaId("L4")));
        String role = fhir.createId(new org.hl7.fhir.r4.model.PractitionerRole()
                .setPractitioner(new Reference(practitioner))
                .setOrganization(new Reference("Organization/" + unit)));
        int before = fhir.count("Patient?organization=Organization/" + unit);
        for (String pal : new String[] {"Organization/" + unit, role}) {
            FhirHttp.Response response = fhir.create(patient("198112189876", pal));
            assertRejected(response, 422, "Patient.generalPractitioner[0].reference");
            assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("must be a Practitioner");
        }
        assertThat(fhir.count("Patient?organization=Organization/" + unit)).isEqualTo(before);
    }

    @Test
    void aPalThatDoesNotExistIsRefusedLikeAnyOtherDanglingReference() {
        int before = fhir.count("Patient?organization=Organization/" + unit);
        FhirHttp.Response dangling = fhir.create(patient("200001012384", "Practitioner/no-such-pal-" + suffix));
        // HAPI's referential integrity on write, the same answer as for a Condition of a missing Patient
        FhirHttp.Response missingSubject =
                fhir.create(Fixtures.diagnosis("Patient/no-such-patient-" + suffix, "F41.1", "2026-01-10"));
        assertThat(missingSubject.status()).isBetween(400, 499);
        assertRejected(dangling, missingSubject.status(), "");
        assertThat(dangling.body()).contains("Practitioner/no-such-pal-" + suffix);
        assertThat(fhir.count("Patient?organization=Organization/" + unit)).isEqualTo(before);
    }

    @Test
    void aReferencedPalCannotBeDeleted() {
        String pal = fhir.createId(practitioner(null, hsaId("L5")));
        fhir.createId(patient("191212121212", pal));
        FhirHttp.Response response = fhir.delete(pal);
        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(fhir.get(pal).status()).isEqualTo(200);
    }

    @Test
    void aTransactionCreatesThePalAndItsPatientTogether() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String palUrl = "urn:uuid:" + UUID.randomUUID();
        post(bundle, palUrl, practitioner(null, hsaId("L6")));
        post(bundle, "urn:uuid:" + UUID.randomUUID(), patient("198112189876", palUrl));

        Bundle response = fhir.transaction(bundle).expectOk(Bundle.class);

        String pal = location(response, 0);
        Patient patient = fhir.get(location(response, 1)).expectOk(Patient.class);
        assertThat(pal).startsWith("Practitioner/");
        assertThat(patient.getGeneralPractitionerFirstRep().getReference()).isEqualTo(pal);
    }

    @Test
    void aTransactionWhosePalPlaceholderIsAUnitStoresNothing() {
        String name = "Vårdcentralen som PAL " + suffix;
        int patientsBefore = fhir.count("Patient?organization=Organization/" + unit);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String unitUrl = "urn:uuid:" + UUID.randomUUID();
        Organization otherUnit = Fixtures.unit(null, hsaId("9"), name);
        post(bundle, unitUrl, otherUnit);
        post(bundle, "urn:uuid:" + UUID.randomUUID(), patient("200001012384", unitUrl));

        FhirHttp.Response response = fhir.transaction(bundle);

        assertRejected(response, 422, "Patient.generalPractitioner[0].reference");
        assertThat(fhir.count("Organization?name=" + encode(name))).isZero();
        assertThat(fhir.count("Patient?organization=Organization/" + unit)).isEqualTo(patientsBefore);
    }

    private String hsaId(String prefix) {
        return "SE2321000065-" + prefix + suffix.replace("-", "");
    }

    private static Practitioner practitioner(String id, String hsaId) {
        Practitioner practitioner = ContractProfilesTest.practitioner(hsaId);
        practitioner.setId(id);
        return practitioner;
    }

    private Patient patient(String personnummer, String pal) {
        Patient patient = Fixtures.patient(
                personnummer,
                personnummer.substring(0, 4) + "-" + personnummer.substring(4, 6) + "-" + personnummer.substring(6, 8),
                unit);
        patient.addGeneralPractitioner(new Reference(pal));
        return patient;
    }

    private static void post(Bundle bundle, String fullUrl, Resource resource) {
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(resource.fhirType());
    }

    private static String location(Bundle response, int entry) {
        return new org.hl7.fhir.r4.model.IdType(
                        response.getEntry().get(entry).getResponse().getLocation())
                .toUnqualifiedVersionless()
                .getValue();
    }

    private java.util.Set<String> ids(String query) {
        return fhir.searchAll(query).stream()
                .map(r -> r.getIdElement().toUnqualifiedVersionless().getValue())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static void assertRejected(FhirHttp.Response response, int status, String expression) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.outcome().getIssue()).isNotEmpty();
        if (!expression.isEmpty()) {
            assertThat(response.outcome().getIssue()).anySatisfy(issue -> assertThat(issue.getExpression())
                    .extracting(Object::toString)
                    .contains(expression));
        }
        assertThat(response.body()).doesNotContain("\tat ", "Exception:", ".java:");
    }

    private static String json(IBaseResource resource) {
        return FhirHttp.FHIR.newJsonParser().encodeResourceToString(resource);
    }
}
