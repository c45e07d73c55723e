package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.fhir.contract.ContractSystems;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.MeasureReports;

/** {@code $evaluate-measure} over HTTP on the real server: writes go through the read model into the report. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluateMeasureIT {

    private static final String PERIOD = "periodStart=2025-01-01&periodEnd=2025-12-31";

    @LocalServerPort
    int port;

    FhirHttp fhir;
    String unit;
    String anna;
    String bo;

    @BeforeAll
    void population() {
        fhir = new FhirHttp(port);
        unit = "vc-m-" + UUID.randomUUID().toString().substring(0, 8);
        fhir.putUnit(unit, "Vårdcentralen Mått");
        anna = fhir.createId(Fixtures.patient("198112189876", "1981-12-18", unit));
        bo = fhir.createId(Fixtures.patient("191212121212", "1912-12-12", unit));
        String cecilia = fhir.createId(Fixtures.patient("200001012384", "2000-01-01", unit));
        fhir.createId(Fixtures.diagnosis(anna, "F41.1", "2025-03-01"));
        fhir.createId(Fixtures.diagnosis(bo, "F43.8A", "2024-06-01"));
        fhir.createId(Fixtures.diagnosis(cecilia, "J06.9", "2025-03-01"));
        fhir.createId(prescribed(Fixtures.prescription(anna, "N05BA04", "oxazepam-10mg-tab", 25), "2025-04-01"));
        fhir.createId(prescribed(Fixtures.prescription(cecilia, "N05BA04", "oxazepam-10mg-tab", 100), "2025-04-01"));
    }

    @Test
    void an07ForTheUnitCountsAnxietyAndBenzodiazepines() {
        // Anna: F41.1 in 2025 + oxazepam in 2025 -> numerator; Bo: F43.8A 2024-06 (within 24 months) -> denominator;
        // Cecilia: oxazepam but no anxiety -> neither.
        MeasureReport report = evaluate("an07", "&subject=Organization/" + unit);
        assertThat(MeasureReports.count(report, "denominator")).isEqualTo(2);
        assertThat(MeasureReports.count(report, "numerator")).isEqualTo(1);
        assertThat(report.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("0.5");
        assertThat(report.getGroupFirstRep().getStratifier()).hasSize(2);
        assertThat(report.getMeasure()).startsWith("https://fhir.primarycare.se/Measure/an07");
    }

    @Test
    void subjectListNamesThePatients() {
        MeasureReport report = evaluate("an07", "&subject=Organization/" + unit + "&reportType=subject-list");
        ListResource numerator = (ListResource) report.getContained().stream()
                .filter(r -> r.getIdElement().getIdPart().equals("numerator"))
                .findFirst()
                .orElseThrow();
        assertThat(numerator.getEntry())
                .extracting(e -> e.getItem().getReference())
                .containsExactly(anna);
    }

    @Test
    void aWriteCountsAtOnce() {
        String other = "vc-w-" + UUID.randomUUID().toString().substring(0, 8);
        fhir.putUnit(other, "Vårdcentralen Skriv");
        String dag = fhir.createId(Fixtures.patient("198112189876", "1981-12-18", other));
        fhir.createId(Fixtures.diagnosis(dag, "F41.0", "2025-02-02"));
        MeasureReport before = evaluate("an07", "&subject=Organization/" + other);
        assertThat(MeasureReports.count(before, "denominator")).isEqualTo(1);
        assertThat(MeasureReports.count(before, "numerator")).isZero();
        fhir.createId(prescribed(Fixtures.prescription(dag, "N05BA12", "alprazolam-0.5mg-tab", 20), "2025-09-09"));
        assertThat(MeasureReports.count(evaluate("an07", "&subject=Organization/" + other), "numerator"))
                .isEqualTo(1);
    }

    @Test
    void badParametersAre400AndUnknownMeasure404() {
        for (String query : List.of(
                "Measure/an07/$evaluate-measure?periodEnd=2025-12-31",
                "Measure/an07/$evaluate-measure?periodStart=2025-13-01&periodEnd=2025-12-31",
                "Measure/an07/$evaluate-measure?periodStart=2026-01-01&periodEnd=2025-12-31",
                "Measure/an07/$evaluate-measure?" + PERIOD + "&subject=Patient/1")) {
            FhirHttp.Response response = fhir.get(query);
            assertThat(response.status()).as(query + " " + response.body()).isEqualTo(400);
            assertThat(response.outcome().getIssue()).isNotEmpty();
        }
        assertThat(fhir.get("Measure/no-such/$evaluate-measure?" + PERIOD).status())
                .isEqualTo(404);
    }

    @Test
    void everyMeasureEvaluates() {
        Bundle measures = fhir.get("Measure?_count=100").expectOk(Bundle.class);
        assertThat(measures.getEntry()).hasSizeGreaterThanOrEqualTo(20);
        for (var entry : measures.getEntry()) {
            String id = entry.getResource().getIdElement().getIdPart();
            assertThat(evaluate(id, "").getStatus()).isEqualTo(MeasureReport.MeasureReportStatus.COMPLETE);
        }
    }

    @Test
    void runChartGivesOnePointPerMonthWithTheYearBefore() {
        Parameters chart = fhir.get("Measure/an07/$run-chart?from=2025-01&to=2025-12&subject=Organization/" + unit)
                .expectOk(Parameters.class);
        List<Parameters.ParametersParameterComponent> points = chart.getParameter().stream()
                .filter(p -> p.getName().equals("point"))
                .toList();
        assertThat(points).hasSize(12);
        // April 2025: Anna's oxazepam (2025-04-01); denominator: Anna and Bo (anxiety within 24 months of 04-30)
        Parameters.ParametersParameterComponent april = points.get(3);
        assertThat(part(april, "month")).isEqualTo("2025-04");
        assertThat(part(april, "numerator")).isEqualTo("1");
        assertThat(part(april, "denominator")).isEqualTo("2");
        assertThat(chart.getParameter().stream().anyMatch(p -> p.getName().equals("median")))
                .isTrue();
        assertThat(fhir.get("Measure/an07/$run-chart?from=2025-13&to=2025-12").status())
                .isEqualTo(400);
    }

    @Test
    void an07ActionsReportsEachPartAsItsOwnGroup() {
        String actions = "vc-a-" + UUID.randomUUID().toString().substring(0, 8);
        fhir.putUnit(actions, "Vårdcentralen Åtgärder");
        // Eva: anxiety, oxazepam, review, active plan, active KBT referral: all three. Fia: the same review, but her
        // plan is a draft and she has no team intervention: only the review.
        String eva = fhir.createId(Fixtures.patient("198112189876", "1981-12-18", actions));
        String fia = fhir.createId(Fixtures.patient("200001012384", "2000-01-01", actions));
        for (String patient : List.of(eva, fia)) {
            fhir.createId(Fixtures.diagnosis(patient, "F41.1", "2025-03-01"));
            fhir.createId(prescribed(Fixtures.prescription(patient, "N05BA04", "oxazepam-10mg-tab", 25), "2025-04-01"));
            fhir.createId(procedure(patient, "XV015", "2025-03-20"));
        }
        fhir.createId(medicationPlan(eva, CarePlan.CarePlanStatus.ACTIVE, "2025-03-21"));
        fhir.createId(medicationPlan(fia, CarePlan.CarePlanStatus.DRAFT, "2025-03-21"));
        fhir.createId(referral(eva, "DU011", "2025-03-22"));

        MeasureReport report =
                evaluate("an07-actions", "&subject=Organization/" + actions + "&reportType=subject-list");

        assertThat(report.getGroup())
                .extracting(g -> g.getCode().getText())
                .containsExactly("all-actions", "medication-review", "medication-plan", "team-intervention");
        assertThat(report.getGroup())
                .extracting(g -> count(g, "denominator"), g -> count(g, "numerator"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, 1),
                        org.assertj.core.groups.Tuple.tuple(2, 2),
                        org.assertj.core.groups.Tuple.tuple(2, 1),
                        org.assertj.core.groups.Tuple.tuple(2, 1));
        assertThat(report.getGroup().get(0).getMeasureScore().getValue()).isEqualByComparingTo("0.5");
        assertThat(report.getGroup().get(1).getMeasureScore().getValue()).isEqualByComparingTo("1");
        // every part's strata: Fia is under 40, Eva is not
        assertThat(report.getGroup().get(2).getStratifierFirstRep().getStratum())
                .filteredOn(s -> s.getValue().getText().equals("<40"))
                .singleElement()
                .satisfies(s -> assertThat(s.getMeasureScore().getValue()).isZero());
        // the patients: the parts share the denominator's List and have their own numerator List
        assertThat(listed(report, "medication-plan-numerator")).containsExactly(eva);
        assertThat(listed(report, "denominator")).containsExactlyInAnyOrder(eva, fia);
        assertThat(report.getGroup()
                        .get(3)
                        .getPopulation()
                        .get(0)
                        .getSubjectResults()
                        .getReference())
                .isEqualTo("#denominator");

        Parameters chart = fhir.get(
                        "Measure/an07-actions/$run-chart?from=2025-04&to=2025-05&subject=Organization/" + actions)
                .expectOk(Parameters.class);
        // April: both got oxazepam that month, and the actions lie in the 12 months ending 2025-04-30;
        // May: no benzodiazepine that month, so no denominator and no values
        List<Parameters.ParametersParameterComponent> points = chart.getParameter().stream()
                .filter(p -> p.getName().equals("point"))
                .toList();
        assertThat(new java.math.BigDecimal(part(points.get(0), "value"))).isEqualByComparingTo("0.5");
        assertThat(points.get(1).getPart()).noneMatch(p -> p.getName().equals("value"));
        assertThat(points.get(0).getPart().stream().filter(p -> p.getName().equals("group")))
                .extracting(g -> part(g, "code"), g -> part(g, "numerator"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("medication-review", "2"),
                        org.assertj.core.groups.Tuple.tuple("medication-plan", "1"),
                        org.assertj.core.groups.Tuple.tuple("team-intervention", "1"));
    }

    @Test
    void withoutDenominatorThereIsNoScoreAndTheRunChartHasAGap() {
        String quiet = "vc-q-" + UUID.randomUUID().toString().substring(0, 8);
        fhir.putUnit(quiet, "Vårdcentralen Tyst");
        // Gun's anxiety is recorded 2025-06-15 and she gets no benzodiazepine: Ån07 has no denominator before June,
        // and 0 of 1 from June on.
        String gun = fhir.createId(Fixtures.patient("198112189876", "1981-12-18", quiet));
        fhir.createId(Fixtures.diagnosis(gun, "F41.1", "2025-06-15"));

        MeasureReport spring = fhir.get("Measure/an07/$evaluate-measure?periodStart=2025-01-01&periodEnd=2025-05-31"
                        + "&subject=Organization/" + quiet)
                .expectOk(MeasureReport.class);
        assertThat(MeasureReports.count(spring, "denominator")).isZero();
        assertThat(spring.getGroupFirstRep().hasMeasureScore()).isFalse();
        assertThat(spring.getGroupFirstRep().getStratifier())
                .flatExtracting(s -> s.getStratum())
                .noneMatch(s -> s.hasMeasureScore());
        MeasureReport year = evaluate("an07", "&subject=Organization/" + quiet);
        assertThat(year.getGroupFirstRep().getMeasureScore().getValue()).isZero();

        Parameters chart = fhir.get("Measure/an07/$run-chart?from=2025-01&to=2025-12&subject=Organization/" + quiet)
                .expectOk(Parameters.class);
        List<Parameters.ParametersParameterComponent> points = chart.getParameter().stream()
                .filter(p -> p.getName().equals("point"))
                .toList();
        for (int month = 0; month < 12; month++) {
            boolean hasValue = points.get(month).getPart().stream()
                    .anyMatch(p -> p.getName().equals("value"));
            assertThat(hasValue).as("month " + (month + 1)).isEqualTo(month >= 5);
        }
        assertThat(new java.math.BigDecimal(part(points.get(5), "value"))).isZero();
        assertThat(new java.math.BigDecimal(chart.getParameter().stream()
                        .filter(p -> p.getName().equals("median"))
                        .findFirst()
                        .orElseThrow()
                        .getValue()
                        .primitiveValue()))
                .isZero();
    }

    private static int count(MeasureReport.MeasureReportGroupComponent group, String population) {
        return group.getPopulation().stream()
                .filter(p -> p.getCode().getCodingFirstRep().getCode().equals(population))
                .findFirst()
                .orElseThrow()
                .getCount();
    }

    private static List<String> listed(MeasureReport report, String listId) {
        return report.getContained().stream()
                .filter(r -> r.getIdElement().getIdPart().equals(listId))
                .map(ListResource.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no contained List " + listId))
                .getEntry()
                .stream()
                .map(e -> e.getItem().getReference())
                .toList();
    }

    private static Procedure procedure(String patient, String kva, String performed) {
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(new CodeableConcept(new Coding(ContractSystems.KVA, kva, null)));
        procedure.setSubject(new Reference(patient));
        procedure.setPerformed(new DateTimeType(performed));
        return procedure;
    }

    private static CarePlan medicationPlan(String patient, CarePlan.CarePlanStatus status, String created) {
        CarePlan plan = new CarePlan();
        plan.setStatus(status);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(new CodeableConcept(new Coding(ContractSystems.CAREPLAN_CATEGORY, "medication-plan", null)));
        plan.setSubject(new Reference(patient));
        plan.setCreatedElement(new DateTimeType(created));
        plan.addActivity()
                .getDetail()
                .setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS)
                .setProduct(new CodeableConcept(new Coding(ContractSystems.ATC, "N05BA04", null)))
                .setDescription("Nedtrappning av oxazepam");
        return plan;
    }

    private static ServiceRequest referral(String patient, String kva, String authored) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(new CodeableConcept(new Coding(ContractSystems.KVA, kva, null)));
        request.setSubject(new Reference(patient));
        request.setAuthoredOnElement(new DateTimeType(authored));
        return request;
    }

    private static String part(Parameters.ParametersParameterComponent point, String name) {
        return point.getPart().stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue()
                .primitiveValue();
    }

    private MeasureReport evaluate(String measure, String extra) {
        return fhir.get("Measure/" + measure + "/$evaluate-measure?" + PERIOD + extra)
                .expectOk(MeasureReport.class);
    }

    private static MedicationRequest prescribed(MedicationRequest request, String date) {
        request.setAuthoredOnElement(new DateTimeType(date));
        return request;
    }
}
