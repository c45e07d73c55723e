package se.primarycare.cds.measures.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.fhir.contract.ContractSystems;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.TestIdpTokens;
import se.primarycare.cds.synthetic.Personnummer;

/**
 * {@code Patient/$worklist} on the real server: stored FHIR resources (PAL as Patient.generalPractitioner) give the
 * hand-computed Ån07 list as a FHIR List and as CSV, reading it needs a Patient scope, and the PDL log names every
 * patient listed. Reference date 2026-06-30.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorklistIT {

    private static final String DATE = "2026-06-30";

    @LocalServerPort
    int port;

    FhirHttp admin;
    String unit;
    String pal;
    String allDone;
    String noneDone;
    String withoutPal;

    @BeforeAll
    void storeTheUnit() {
        admin = new FhirHttp(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        unit = admin.putUnit("vc-wl-" + suffix, "Vårdcentralen Arbetslista " + suffix);
        Practitioner doctor = new Practitioner();
        doctor.addIdentifier().setSystem(ContractSystems.HSA_ID).setValue("SE2321000065-PAL" + suffix);
        doctor.addName().setFamily("Läkare").addGiven("Anna");
        pal = admin.createId(doctor).replace("Practitioner/", "");
        // all done: F41.1, oxazepam in May, medication review (XV015), active medication plan, KBT (DU011)
        allDone = patient("198112189876", pal);
        admin.createId(Fixtures.diagnosis(allDone, "F41.1", "2026-01-10"));
        admin.createId(prescription(allDone, "2026-05-01"));
        admin.createId(procedure(allDone, "XV015", "2026-02-01"));
        admin.createId(medicationPlan(allDone, CarePlan.CarePlanStatus.ACTIVE, "2026-03-01"));
        admin.createId(procedure(allDone, "DU011", "2026-04-01"));
        // none done; the draft medication plan (a CDS proposal) must not count
        noneDone = patient(personnummer("850303", "123"), pal);
        admin.createId(Fixtures.diagnosis(noneDone, "F41.0", "2025-09-01"));
        admin.createId(prescription(noneDone, "2026-06-01"));
        admin.createId(medicationPlan(noneDone, CarePlan.CarePlanStatus.DRAFT, "2026-06-10"));
        // no PAL named
        withoutPal = patient(personnummer("900202", "456"), null);
        admin.createId(Fixtures.diagnosis(withoutPal, "F43.8A", "2026-02-02"));
        admin.createId(prescription(withoutPal, "2026-05-15"));
    }

    @Test
    void theAn07ListNamesThePatientsWithTheirOpenActionsAndPal() {
        ListResource list = doctor("user/Patient.r")
                .get("Patient/$worklist?list=an07&organization=Organization/" + unit + "&date=" + DATE)
                .expectOk(ListResource.class);

        // most open actions first: none-done and without-PAL have 3 open, all-done 0
        List<String> patients =
                list.getEntry().stream().map(e -> e.getItem().getReference()).toList();
        assertThat(patients).hasSize(3).endsWith(allDone).contains(noneDone, withoutPal);
        assertThat(openActions(list, noneDone)).isEqualTo(3);
        assertThat(openActions(list, allDone)).isZero();
        Extension line = line(list, allDone);
        assertThat(line.getExtensionByUrl("medication-review").getValue().primitiveValue())
                .isEqualTo("2026-02-01");
        assertThat(line.getExtensionByUrl("medication-plan").getValue().primitiveValue())
                .isEqualTo("2026-03-01");
        assertThat(line.getExtensionByUrl("team-intervention").getValue().primitiveValue())
                .isEqualTo("DU011");
        assertThat(((Reference) line.getExtensionByUrl("pal").getValue()).getDisplay())
                .isEqualTo("Anna Läkare");
        assertThat(line.getExtensionByUrl("personnummer").getValue().primitiveValue())
                .isEqualTo("198112189876");
        assertThat(line(list, noneDone).getExtensionByUrl("medication-plan"))
                .as("a draft CarePlan is no plan")
                .isNull();
        assertThat(line(list, withoutPal).getExtensionByUrl("pal")).isNull();

        ListResource palOnly = doctor("user/Patient.r")
                .get("Patient/$worklist?list=an07&practitioner=Practitioner/" + pal + "&date=" + DATE)
                .expectOk(ListResource.class);
        assertThat(palOnly.getEntry())
                .extracting(e -> e.getItem().getReference())
                .containsExactlyInAnyOrder(allDone, noneDone);
    }

    @Test
    void theCsvHasOneLinePerPatientInTheListsOrder() {
        FhirHttp.Response csv = doctor("user/Patient.r")
                .get(
                        "Patient/$worklist?list=an07&organization=Organization/" + unit + "&date=" + DATE
                                + "&format=csv",
                        "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).contains("Personnummer;Namn;Ålder;PAL;Diagnos");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3))
                .startsWith("198112189876;")
                .contains("Anna Läkare")
                .endsWith(";0");
    }

    @Test
    void swedishByDefaultEnglishOnRequestAndTheLanguageParameterWins() {
        String csv = "Patient/$worklist?list=an07&organization=Organization/" + unit + "&date=" + DATE + "&format=csv";
        FhirHttp doctor = doctor("user/Patient.r");
        assertThat(doctor.get(csv, "text/csv").body()).startsWith("\uFEFFPersonnummer;");
        assertThat(doctor.get(csv, "text/csv", "en-GB,en;q=0.9").body()).startsWith("\uFEFFPersonal identity number;");
        assertThat(doctor.get(csv + "&lang=sv", "text/csv", "en-US,en;q=0.9").body())
                .startsWith("\uFEFFPersonnummer;");
    }

    @Test
    void readingAWorklistNeedsAPatientScopeAndIsLoggedForEveryPatientListed() {
        assertThat(doctor("user/Organization.rs user/Measure.rs")
                        .get("Patient/$worklist?list=an07&organization=Organization/" + unit + "&date=" + DATE)
                        .status())
                .isEqualTo(403);
        Instant before = Instant.now();
        assertThat(doctor("user/Patient.r")
                        .get(
                                "Patient/$worklist?list=an07&organization=Organization/" + unit + "&date=" + DATE
                                        + "&format=csv",
                                "text/csv")
                        .status())
                .isEqualTo(200);
        for (String patient : List.of(allDone, noneDone, withoutPal)) {
            assertThat(awaitLogged(patient, before))
                    .as("PDL log entry naming " + patient)
                    .isTrue();
        }
    }

    @Test
    void aBadRequestIs400WithAnOperationOutcome() {
        FhirHttp doctor = doctor("user/Patient.r");
        assertThat(doctor.get("Patient/$worklist?list=everything&organization=Organization/" + unit)
                        .status())
                .isEqualTo(400);
        assertThat(doctor.get("Patient/$worklist?list=an07").status()).isEqualTo(400);
        assertThat(doctor.get("Patient/$worklist?list=an07&organization=Patient/x")
                        .status())
                .isEqualTo(400);
        FhirHttp.Response badDate =
                doctor.get("Patient/$worklist?list=an07&organization=Organization/" + unit + "&date=30/6");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("OperationOutcome").contains("YYYY-MM-DD");
    }

    private FhirHttp doctor(String scopes) {
        return admin.withToken(TestIdpTokens.forUser("lakare-wl", "SE2321000065-L1", scopes));
    }

    private boolean awaitLogged(String patient, Instant since) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            for (Resource r : admin.searchAll("AuditEvent?entity=" + patient + "&date=ge" + since)) {
                if (((AuditEvent) r).getAgentFirstRep().getAltId().equals("lakare-wl")) {
                    return true;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static Extension line(ListResource list, String patient) {
        return list.getEntry().stream()
                .filter(e -> e.getItem().getReference().equals(patient))
                .findFirst()
                .orElseThrow()
                .getExtensionByUrl(WorklistProvider.LINE);
    }

    private static int openActions(ListResource list, String patient) {
        return Integer.parseInt(
                line(list, patient).getExtensionByUrl("open-actions").getValue().primitiveValue());
    }

    private String patient(String personnummer, String palId) {
        var patient = Fixtures.patient(
                personnummer,
                "19" + personnummer.substring(2, 4) + "-" + personnummer.substring(4, 6) + "-"
                        + personnummer.substring(6, 8),
                unit);
        if (palId != null) {
            patient.addGeneralPractitioner(new Reference("Practitioner/" + palId));
        }
        return admin.createId(patient);
    }

    private static String personnummer(String yymmdd, String serial) {
        String nine = yymmdd + serial;
        return "19" + nine + Personnummer.luhnCheckDigit(nine);
    }

    private static MedicationRequest prescription(String patient, String authored) {
        MedicationRequest oxazepam = Fixtures.prescription(patient, "N05BA04", "oxazepam-10mg-tab", 25);
        oxazepam.setAuthoredOnElement(new DateTimeType(authored));
        return oxazepam;
    }

    private static Procedure procedure(String patient, String kva, String performed) {
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setSubject(new Reference(patient));
        procedure.setCode(new CodeableConcept(new Coding(ContractSystems.KVA, kva, null)));
        procedure.setPerformed(new DateTimeType(performed));
        return procedure;
    }

    private static CarePlan medicationPlan(String patient, CarePlan.CarePlanStatus status, String created) {
        CarePlan plan = new CarePlan();
        plan.setStatus(status);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setSubject(new Reference(patient));
        plan.addCategory(new CodeableConcept(
                new Coding(ContractSystems.CAREPLAN_CATEGORY, "medication-plan", "Läkemedelsplan")));
        plan.setCreatedElement(new DateTimeType(created));
        return plan;
    }
}
