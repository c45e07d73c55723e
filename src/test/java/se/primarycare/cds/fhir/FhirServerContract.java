package se.primarycare.cds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static se.primarycare.cds.support.FhirHttp.encode;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.MeasureReports;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationLoader;
import se.primarycare.cds.synthetic.PopulationSummary;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * The search behaviour EHRs and quality teams rely on, run against the real HAPI JPA server. Subclasses
 * boot it on each supported database. Other test classes may share the database, so assertions are about
 * this fixture's resources (all of them found, none of the others) rather than global totals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FhirServerContract {

    static final String ATC = "http://www.whocc.no/atc";
    static final String ICD = "http://hl7.org/fhir/sid/icd-10-se";
    static final String ANXIETY_VALUE_SET = "https://fhir.primarycare.se/ValueSet/anxiety";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    FhirHttp fhir;
    String unitA;
    String unitB;
    Set<String> benzodiazepineRequests;
    Set<String> otherRequests;
    Set<String> anxietyDiagnoses;
    Set<String> otherDiagnoses;
    Set<String> diagnosesAtUnitA;

    @BeforeAll
    void loadFixturePopulation() {
        fhir = new FhirHttp(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        unitA = "vc-a-" + suffix;
        unitB = "vc-b-" + suffix;
        fhir.put("Organization/" + unitA, json(Fixtures.unit(unitA, "SE2321000065-" + suffix + "1", "Vårdcentralen A")))
                .expectOk(IBaseResource.class);
        fhir.put("Organization/" + unitB, json(Fixtures.unit(unitB, "SE2321000065-" + suffix + "2", "Vårdcentralen B")))
                .expectOk(IBaseResource.class);

        String anna = create(Fixtures.patient("198112189876", "1981-12-18", unitA));
        String bo = create(Fixtures.patient("191212121212", "1912-12-12", unitA));
        String cecilia = create(Fixtures.patient("200001012384", "2000-01-01", unitB));

        anxietyDiagnoses = Set.of(
                create(Fixtures.diagnosis(anna, "F41.1", "2026-01-10")),
                create(Fixtures.diagnosis(bo, "F43.8A", "2025-05-01")),
                create(Fixtures.diagnosis(cecilia, "F40.0", "2026-03-03")));
        otherDiagnoses = Set.of(
                create(Fixtures.diagnosis(anna, "F32.1", "2026-01-10")),
                create(Fixtures.diagnosis(bo, "F51.0", "2026-02-01")),
                create(Fixtures.diagnosis(cecilia, "J06.9", "2026-02-02")));
        diagnosesAtUnitA = Set.of(); // filled below from what was created for Anna and Bo
        benzodiazepineRequests = Set.of(
                create(Fixtures.prescription(anna, "N05BA04", "oxazepam-10mg-tab", 25)),
                create(Fixtures.prescription(bo, "N05BA04", "oxazepam-5mg-tab", 100)),
                create(Fixtures.prescription(cecilia, "N05BA12", "alprazolam-0.5mg-tab", 20)));
        otherRequests = Set.of(
                create(Fixtures.prescription(anna, "N05CF01", "zopiclone-5mg-tab", 10)),
                create(Fixtures.prescription(bo, "N05BB01", "hydroxyzine-25mg-tab", 25)),
                create(Fixtures.prescription(cecilia, "N06AB10", "escitalopram-10mg-tab", 28)));
        diagnosesAtUnitA = fhir.searchAll("Condition?subject=" + anna + "," + bo).stream()
                .map(r -> r.getIdElement().toUnqualifiedVersionless().getValue())
                .collect(Collectors.toSet());
        assertThat(diagnosesAtUnitA).hasSize(4);
    }

    @Test
    void codeBelowN05baFindsExactlyTheBenzodiazepines() {
        Set<String> found = ids("MedicationRequest?code:below=" + encode(ATC + "|N05BA"));
        assertThat(found).containsAll(benzodiazepineRequests).doesNotContainAnyElementsOf(otherRequests);
        assertThat(fhir.searchAll("MedicationRequest?code:below=" + encode(ATC + "|N05BA")))
                .allSatisfy(r -> assertThat(atcOf((MedicationRequest) r)).startsWith("N05BA"));
    }

    @Test
    void codeBelowTheAnxietyBlockFindsExactlyTheAnxietyDiagnoses() {
        Set<String> found = ids("Condition?code:below=" + encode(ICD + "|F40-F48"));
        assertThat(found).containsAll(anxietyDiagnoses).doesNotContainAnyElementsOf(otherDiagnoses);
    }

    @Test
    void codeInTheAnxietyValueSetFindsTheSameAsTheBlock() {
        assertThat(ids("Condition?code:in=" + encode(ANXIETY_VALUE_SET)))
                .isEqualTo(ids("Condition?code:below=" + encode(ICD + "|F40-F48")))
                .containsAll(anxietyDiagnoses);
    }

    /**
     * A count is one COUNT query in the request's thread (InlineCountSearches): no search row is stored for it,
     * while a search that returns resources still stores one (its pages are read from it).
     */
    @Test
    void aCountIsAnsweredWithoutStoringASearch() {
        String neverAskedBefore = "Condition?code:in=" + encode(ANXIETY_VALUE_SET) + "&_tag="
                + encode("urn:primarycare:test|" + UUID.randomUUID());
        int stored = storedSearches();
        assertThat(fhir.count(neverAskedBefore)).isZero();
        assertThat(storedSearches()).isEqualTo(stored);

        fhir.searchAll(neverAskedBefore);
        assertThat(storedSearches()).isGreaterThan(stored);
    }

    private int storedSearches() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM HFJ_SEARCH", Integer.class);
    }

    @Test
    void summaryCountEqualsTheNumberOfMatches() {
        for (String query : List.of(
                "MedicationRequest?code:below=" + encode(ATC + "|N05BA"),
                "Condition?code:below=" + encode(ICD + "|F40-F48"),
                "Condition?code:in=" + encode(ANXIETY_VALUE_SET))) {
            assertThat(fhir.count(query))
                    .as(query)
                    .isEqualTo(fhir.searchAll(query).size());
        }
    }

    @Test
    void indicatorsCountTheUnitsListedPatientsPerStratum() {
        // Unit A lists Anna (b. 1981) and Bo (b. 1912), both men aged >= 40, both with an anxiety diagnosis in the
        // last 24 months and an oxazepam prescription today: 25 × 10 mg + 100 × 5 mg = 750 mg = 15 DDD (50 mg).
        String period = "periodStart=" + LocalDate.now().minusYears(1) + "&periodEnd="
                + LocalDate.now().plusDays(1) + "&subject=Organization/" + unitA;
        MeasureReport did =
                fhir.get("Measure/did-n05ba/$evaluate-measure?" + period).expectOk(MeasureReport.class);
        assertThat(MeasureReports.count(did, "denominator")).isEqualTo(2);
        assertThat(MeasureReports.stratumCount(did, "age-group", ">=40", "denominator"))
                .isEqualTo(2);
        assertThat(MeasureReports.stratumCount(did, "age-group", "<40", "denominator"))
                .isZero();
        assertThat(MeasureReports.stratumCount(did, "gender", "male", "denominator"))
                .isEqualTo(2);
        assertThat(((DecimalType) did.getGroupFirstRep()
                                .getExtensionByUrl("https://fhir.primarycare.se/StructureDefinition/ddd-sum")
                                .getValue())
                        .getValue())
                .isEqualByComparingTo("15");
        MeasureReport an07 =
                fhir.get("Measure/an07/$evaluate-measure?" + period).expectOk(MeasureReport.class);
        assertThat(MeasureReports.count(an07, "denominator")).isEqualTo(2);
        assertThat(MeasureReports.count(an07, "numerator")).isEqualTo(2);
    }

    @Test
    void chainedSearchByListingUnitFindsThatUnitsDiagnoses() {
        assertThat(ids("Condition?subject:Patient.organization=Organization/" + unitA))
                .isEqualTo(diagnosesAtUnitA);
        assertThat(ids("Condition?subject:Patient.organization=Organization/" + unitA + "&code:below="
                        + encode(ICD + "|F40-F48")))
                .hasSize(2)
                .isSubsetOf(anxietyDiagnoses);
    }

    @Test
    void aSearchRightAfterAWriteCountsTheNewResource() {
        String query = "Condition?code:below=" + encode(ICD + "|F40-F48");
        int before = fhir.count(query);
        String patient = create(Fixtures.patient("198112189876", "1981-12-18", unitB));
        create(Fixtures.diagnosis(patient, "F41.0", "2026-04-01"));
        assertThat(fhir.count(query)).isEqualTo(before + 1);
    }

    @Test
    void codesWithoutDotAreStoredWithDot() {
        String patient = create(Fixtures.patient("191212121212", "1912-12-12", unitB));
        String id = create(Fixtures.diagnosis(patient, "F411", "2026-04-01"));
        Condition stored = fhir.get(id).expectOk(Condition.class);
        assertThat(stored.getCode().getCodingFirstRep().getCode()).isEqualTo("F41.1");
        assertThat(ids("Condition?code=" + encode(ICD + "|F41.1") + "&subject=" + patient))
                .containsExactly(id);
    }

    @Test
    void personnummerInOidFormIsStoredUnderTheContractSystem() {
        Patient patient = Fixtures.patient("191212121212", "1912-12-12", unitB);
        patient.getIdentifierFirstRep().setSystem("urn:oid:1.2.752.129.2.1.3.1").setValue("19121212-1212");
        Patient stored = fhir.get(create(patient)).expectOk(Patient.class);
        assertThat(stored.getIdentifierFirstRep().getSystem())
                .isEqualTo("http://electronichealth.se/identifier/personnummer");
        assertThat(stored.getIdentifierFirstRep().getValue()).isEqualTo("191212121212");
    }

    @Test
    void terminologyIsStoredOnceUnderItsOwnId() {
        Bundle atc = fhir.get("CodeSystem?url=" + encode(ATC)).expectOk(Bundle.class);
        assertThat(atc.getEntry()).hasSize(1);
        assertThat(((CodeSystem) atc.getEntryFirstRep().getResource())
                        .getIdElement()
                        .getIdPart())
                .isEqualTo("atc");
    }

    // --- synthetic population ---

    @Test
    void generatedPopulationLoadsWithTheCountsOfItsSummary(@TempDir Path dir) {
        PopulationSummary summary =
                PopulationWriter.generateTo(GeneratorSettings.of(150, 7).withUnits(2), dir);
        PopulationLoader.LoadResult result = new PopulationLoader(URI.create(fhir.base()), 2, false, System.out)
                .withBearerToken(fhir.token())
                .load(dir);
        assertThat(result.resources()).isEqualTo(summary.totalResources());

        String units = summary.units().stream()
                .map(u -> "Organization/" + u.organizationId())
                .collect(Collectors.joining(","));
        assertThat(fhir.count("Patient?organization=" + units)).isEqualTo(summary.count("Patient"));
        for (String type : List.of(
                "Condition", "MedicationRequest", "MedicationStatement", "Procedure", "Observation", "CarePlan")) {
            assertThat(fhir.count(type + "?subject:Patient.organization=" + units))
                    .as(type)
                    .isEqualTo(summary.count(type));
        }
        assertThat(summary.count("MedicationRequest")).isPositive();
    }

    // --- validation of writes (data contract) ---

    @Test
    void medicationRequestWithoutAtcIsRejectedNamingTheElement() {
        MedicationRequest request = Fixtures.prescription("Patient/x", "N05BA04", null, 25);
        request.getMedicationCodeableConcept().getCoding().clear();
        request.getMedicationCodeableConcept()
                .addCoding()
                .setSystem("http://www.nlm.nih.gov/research/umls/rxnorm")
                .setCode("197589");
        assertRejected(fhir.create(request), "MedicationRequest.medicationCodeableConcept.coding");
    }

    @Test
    void personnummerWithWrongCheckDigitIsRejected() {
        assertRejected(
                fhir.create(Fixtures.patient("191212121213", "1912-12-12", unitA)), "Patient.identifier[0].value");
    }

    @Test
    void unknownIcdCodeIsRejected() {
        String patient = create(Fixtures.patient("191212121212", "1912-12-12", unitA));
        assertRejected(
                fhir.create(Fixtures.diagnosis(patient, "F41.7", "2026-01-01")), "Condition.code.coding[0].code");
    }

    @Test
    void sickLeaveExtentOtherThanQuartersIsRejected() {
        String patient = create(Fixtures.patient("191212121212", "1912-12-12", unitA));
        String condition = create(Fixtures.diagnosis(patient, "F43.8A", "2026-01-01"));
        assertRejected(
                fhir.create(Fixtures.sickLeave(patient, condition, "2026-01-01", "2026-01-14", 60)),
                "Observation.valueQuantity.value");
        assertThat(fhir.create(Fixtures.sickLeave(patient, condition, "2026-01-01", "2026-01-14", 75))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void transactionWithOneBadEntryStoresNothing() {
        int patientsBefore = fhir.count("Patient");
        int conditionsBefore = fhir.count("Condition");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = Fixtures.patient("191212121212", "1912-12-12", unitA);
        bundle.addEntry()
                .setFullUrl("urn:uuid:0f2c1e3a-0000-4000-8000-000000000001")
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        bundle.addEntry()
                .setResource(Fixtures.diagnosis("urn:uuid:0f2c1e3a-0000-4000-8000-000000000001", "F41.1", "2026-01-01"))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Condition");
        bundle.addEntry()
                .setResource(Fixtures.diagnosis("urn:uuid:0f2c1e3a-0000-4000-8000-000000000001", "F46", "2026-01-01"))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Condition");

        FhirHttp.Response response = fhir.transaction(bundle);

        assertRejected(response, "Condition.code.coding[0].code");
        assertThat(fhir.count("Patient")).isEqualTo(patientsBefore);
        assertThat(fhir.count("Condition")).isEqualTo(conditionsBefore);
    }

    // --- client errors ---

    @Test
    void transactionEntriesWithoutWhatOrWhereAre400NotServerErrors() {
        // found by the fuzz corpus: HAPI answered these with 500
        for (String entry : List.of(
                "{\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}",
                "{\"resource\":{\"resourceType\":\"Organization\",\"name\":\"X\"},\"request\":{\"url\":\"Organization\"}}",
                "{\"resource\":{\"resourceType\":\"Organization\",\"name\":\"X\"},\"request\":{\"method\":\"POST\"}}")) {
            int before = fhir.count("Organization?name=X");
            FhirHttp.Response response =
                    fhir.post("", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entry + "]}");
            assertClientError(response, 400);
            assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("Bundle.entry[0]");
            assertThat(fhir.count("Organization?name=X")).isEqualTo(before);
        }
        for (String notABundle : List.of(
                "{\"resourceType\":\"Organization\",\"name\":\"X\"}",
                "null",
                "[]",
                "",
                "{\"resourceType\":\"\",\"type\":\"transaction\"}",
                "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":\"urn:uuid:1\","
                        + "\"resource\":\"x\",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}")) {
            assertClientError(fhir.post("", notABundle), 400);
        }
    }

    @Test
    void aQuantitySearchWithADateIs400() {
        // found by the fuzz corpus: HAPI let the NumberFormatException out as a 500
        assertClientError(fhir.get("Observation?value-quantity=gt2025-02-30"), 400);
    }

    @Test
    void malformedJsonIs400WithOperationOutcome() {
        assertClientError(fhir.post("Patient", "{\"resourceType\": \"Patient\", "), 400);
    }

    @Test
    void unknownResourceTypeIs404WithOperationOutcome() {
        assertClientError(fhir.get("Foo?name=x"), 404);
    }

    @Test
    void unknownSearchParameterIs400WithOperationOutcome() {
        assertClientError(fhir.get("Patient?favourite-colour=blue"), 400);
    }

    @Test
    void invalidIdIs400WithOperationOutcome() {
        assertClientError(fhir.get("Patient/not%20an%20id!"), 400);
    }

    @Test
    void missingResourceIs404WithOperationOutcome() {
        assertClientError(fhir.get("Patient/does-not-exist"), 404);
    }

    @Test
    void wrongResourceTypeInBodyIs400() {
        assertClientError(fhir.post("Patient", "{\"resourceType\": \"Condition\"}"), 400);
    }

    @Test
    void unknownElementIsRejectedRatherThanSilentlyDropped() {
        int before = fhir.count("Patient");
        String body = json(Fixtures.patient("191212121212", "1912-12-12", unitA))
                .replaceFirst("\\{", "{\"favouriteColour\": \"blue\", ");
        FhirHttp.Response response = fhir.post("Patient", body);
        assertClientError(response, 400);
        assertThat(response.body()).contains("favouriteColour");
        assertThat(fhir.count("Patient")).isEqualTo(before);
    }

    @Test
    void malformedDateIsRejected() {
        String body =
                json(Fixtures.patient("191212121212", "1912-12-12", unitA)).replace("1912-12-12", "12/12/1912");
        assertClientError(fhir.post("Patient", body), 400);
    }

    @Test
    void codeBelowAnUnknownCodeFindsNothingWithoutError() {
        assertThat(fhir.count("MedicationRequest?code:below=" + encode(ATC + "|N05XX")))
                .isZero();
    }

    private static void assertRejected(FhirHttp.Response response, String expression) {
        assertThat(response.status()).as(response.body()).isBetween(400, 422);
        assertThat(response.outcome().getIssue()).anySatisfy(issue -> assertThat(issue.getExpression())
                .extracting(Object::toString)
                .contains(expression));
        assertNoStackTrace(response);
    }

    private static void assertClientError(FhirHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.outcome().getIssue()).isNotEmpty();
        assertNoStackTrace(response);
    }

    private static void assertNoStackTrace(FhirHttp.Response response) {
        assertThat(response.body()).doesNotContain("\tat ", "Exception:", ".java:");
    }

    String create(Resource resource) {
        FhirHttp.Response response = fhir.create(resource);
        return response.expectOk(Resource.class)
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
    }

    Set<String> ids(String query) {
        return fhir.searchAll(query).stream()
                .map(r -> r.getIdElement().toUnqualifiedVersionless().getValue())
                .collect(Collectors.toSet());
    }

    static String json(IBaseResource resource) {
        return FhirHttp.FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private static String atcOf(MedicationRequest request) {
        return request.getMedicationCodeableConcept().getCoding().stream()
                .filter(c -> ATC.equals(c.getSystem()))
                .findFirst()
                .orElseThrow()
                .getCode();
    }
}
