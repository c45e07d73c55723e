package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
