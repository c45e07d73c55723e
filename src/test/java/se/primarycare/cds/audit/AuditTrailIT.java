package se.primarycare.cds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.CdsHttp;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.TestIdpTokens;

/** Issue 6, PDL: every kind of access to a patient's data leaves an AuditEvent naming the patient and the user. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailIT {

    private static final String HSA = "SE2321000065-L7";

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail trail;

    FhirHttp admin;
    FhirHttp doctor;
    String patient;

    @BeforeAll
    void setUp() {
        admin = new FhirHttp(port);
        String unit = admin.putUnit("vc-audit", "Vårdcentralen Revision");
        patient = admin.createId(Fixtures.patient("197001012389", "1970-01-01", unit));
        doctor = admin.withToken(TestIdpTokens.forUser(
                "lakare7", HSA, "user/Patient.rs user/Condition.cruds user/MedicationRequest.cru user/AuditEvent.rs"));
    }

    @Test
    void aReadIsLoggedWithThePatientTheUserAndTheHsaId() {
        Instant before = Instant.now();
        assertThat(doctor.get(patient).status()).isEqualTo(200);
        AuditEvent event = awaitEvent(patient, "read", before);
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(event.getAgentFirstRep().getAltId()).isEqualTo("lakare7");
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(HSA);
        assertThat(event.getAgentFirstRep().getNetwork().getAddress()).isNotBlank();
        assertThat(event.getEntity())
                .anySatisfy(e -> assertThat(e.getWhat().getReference()).isEqualTo(patient));
    }

    @Test
    void searchCreateUpdateAndTransactionAreEachLogged() {
        Instant before = Instant.now();
        assertThat(doctor.get("Condition?subject=" + patient).status()).isEqualTo(200);
        awaitEvent(patient, "search-type", before);

        String condition = doctor.createId(Fixtures.diagnosis(patient, "F41.1", "2026-02-01"));
        assertThat(awaitEvent(patient, "create", before).getAction()).isEqualTo(AuditEvent.AuditEventAction.C);

        Condition changed = doctor.get(condition).expectOk(Condition.class);
        changed.setRecordedDateElement(new org.hl7.fhir.r4.model.DateTimeType("2026-02-02"));
        assertThat(doctor.put(condition, FhirHttp.FHIR.newJsonParser().encodeResourceToString(changed))
                        .status())
                .isEqualTo(200);
        assertThat(awaitEvent(patient, "update", before).getAction()).isEqualTo(AuditEvent.AuditEventAction.U);

        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient newcomer = Fixtures.patient("198001012387", "1980-01-01", "vc-audit");
        bundle.addEntry()
                .setFullUrl("urn:uuid:4f6a1c1e-0000-4000-8000-000000000001")
                .setResource(newcomer)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        bundle.addEntry()
                .setResource(Fixtures.diagnosis("urn:uuid:4f6a1c1e-0000-4000-8000-000000000001", "F41.0", "2026-03-01"))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Condition");
        Bundle response = admin.transaction(bundle).expectOk(Bundle.class);
        String created = "Patient/"
                + new org.hl7.fhir.r4.model.IdType(
                                response.getEntryFirstRep().getResponse().getLocation())
                        .getIdPart();
        AuditEvent transaction = awaitEvent(created, "transaction", before);
        assertThat(transaction.getAgentFirstRep().getAltId()).isEqualTo("test-backend");
    }

    @Test
    void aRefusedAccessIsLoggedAsAFailure() {
        Instant before = Instant.now();
        FhirHttp nosy = admin.withToken(TestIdpTokens.forUser("nyfiken", "SE2321000065-N1", "user/Organization.rs"));
        assertThat(nosy.get(patient).status()).isEqualTo(403);
        AuditEvent event = awaitByName(patient, "read", before);
        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(event.getAgentFirstRep().getAltId()).isEqualTo("nyfiken");
    }

    @Test
    void aCdsCallIsLoggedWithThePatientTheEhrAndTheClinician() {
        Instant before = Instant.now();
        CdsFixture fixture = CdsFixture.all().stream()
                .filter(f -> f.name().contains("fires-active-anxiety-oxazepam"))
                .findFirst()
                .orElseThrow();
        ObjectNode request = fixture.request();
        String cdsPatient = request.path("context").path("patientId").asText();
        CdsHttp cds = new CdsHttp(port);
        assertThat(cds.post("/cds-services/" + fixture.service(), request.toString(), Map.of())
                        .status())
                .isEqualTo(200);
        AuditEvent event = awaitByName("Patient/" + cdsPatient, "order-sign", before);
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(event.getAgent())
                .anySatisfy(a -> assertThat(a.getAltId()).contains("https://ehr.test.primarycare.se"))
                .anySatisfy(a -> assertThat(a.getAltId()).isEqualTo("Practitioner/lakare-1"));
    }

    @Test
    void theLogIsSearchableByUser() {
        Instant before = Instant.now();
        doctor.get(patient).expectOk(Patient.class);
        awaitEvent(patient, "read", before);
        List<Resource> byUser = admin.searchAll("AuditEvent?altid=lakare7&date=ge" + before);
        assertThat(byUser).isNotEmpty().allSatisfy(r -> assertThat(
                        ((AuditEvent) r).getAgentFirstRep().getAltId())
                .isEqualTo("lakare7"));
        List<Resource> byHsaId = admin.searchAll("AuditEvent?agent-name=" + HSA + "&date=ge" + before);
        assertThat(byHsaId).hasSameSizeAs(byUser);
    }

    @Test
    void theLogIsAppendOnlyForClients() {
        Instant before = Instant.now();
        doctor.get(patient).expectOk(Patient.class);
        AuditEvent event = awaitEvent(patient, "read", before);
        String id = "AuditEvent/" + event.getIdElement().getIdPart();
        assertThat(admin.get(id).status()).isEqualTo(200);
        String body = FhirHttp.FHIR.newJsonParser().encodeResourceToString(event);
        assertThat(admin.put(id, body).status()).isBetween(400, 499);
        assertThat(admin.post("AuditEvent", body).status()).isBetween(400, 499);
        assertThat(admin.delete(id).status()).isBetween(400, 499);
        assertThat(admin.get(id).expectOk(AuditEvent.class).getAgentFirstRep().getAltId())
                .isEqualTo("lakare7");
    }

    private AuditEvent awaitEvent(String patientReference, String interaction, Instant since) {
        return await("AuditEvent?entity=" + patientReference, interaction, since);
    }

    private AuditEvent awaitByName(String patientReference, String interaction, Instant since) {
        return await("AuditEvent?entity-name:exact=" + patientReference, interaction, since);
    }

    private AuditEvent await(String query, String interaction, Instant since) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            for (Resource r : admin.searchAll(query + "&date=ge" + since)) {
                AuditEvent event = (AuditEvent) r;
                if (event.getSubtypeFirstRep().getCode().equals(interaction)) {
                    return event;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + interaction + " AuditEvent for " + query + " since " + since + " (written "
                + trail.written() + ", pending " + trail.pending() + ")");
    }
}
