package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static se.primarycare.cds.support.FhirHttp.encode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.MeasureReports;

/** The README's FHIR-search recipe for Ån07, run as a person with only a FHIR client would, equals the Measure. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeasureRecipeIT {

    @LocalServerPort
    int port;

    @Test
    void an07RecipeGivesTheMeasuresCounts() {
        FhirHttp fhir = new FhirHttp(port);
        String unit = "vc-r-" + UUID.randomUUID().toString().substring(0, 8);
        fhir.putUnit(unit, "Vårdcentralen Recept");
        // a: anxiety in window + benzo in 2025; b: anxiety in window, no benzo; c: anxiety before the window + benzo;
        // d: anxiety in window + benzo, but not listed (active=false); e: benzo 2024 only (outside the period).
        String a = patient(fhir, unit, true);
        String b = patient(fhir, unit, true);
        String c = patient(fhir, unit, true);
        String d = patient(fhir, unit, false);
        String e = patient(fhir, unit, true);
        fhir.createId(Fixtures.diagnosis(a, "F41.1", "2024-01-01"));
        fhir.createId(Fixtures.diagnosis(b, "F43.8A", "2025-06-01"));
        fhir.createId(Fixtures.diagnosis(c, "F41.0", "2023-12-31"));
        fhir.createId(Fixtures.diagnosis(d, "F41.0", "2025-02-01"));
        fhir.createId(Fixtures.diagnosis(e, "F41.0", "2025-02-01"));
        fhir.createId(prescribed(a, "2025-12-31"));
        fhir.createId(prescribed(c, "2025-03-01"));
        fhir.createId(prescribed(d, "2025-03-01"));
        fhir.createId(prescribed(e, "2024-12-31"));

        Set<String> inactive = subjects(fhir, "Patient?organization=Organization/" + unit + "&active=false", true);
        Set<String> denominator = subjects(
                fhir,
                "Condition?code:below="
                        + encode("http://hl7.org/fhir/sid/icd-10-se|F40-F48")
                        + "&recorded-date=ge2024-01-01&recorded-date=le2025-12-31&subject:Patient.organization=Organization/"
                        + unit + "&_elements=subject",
                false);
        denominator.removeAll(inactive);
        Set<String> treated = subjects(
                fhir,
                "MedicationRequest?code:below=" + encode("http://www.whocc.no/atc|N05BA")
                        + "&authoredon=ge2025-01-01&authoredon=le2025-12-31&status=active,completed&intent=order"
                        + "&subject:Patient.organization=Organization/" + unit + "&_elements=subject",
                false);
        Set<String> numerator = new HashSet<>(denominator);
        numerator.retainAll(treated);

        MeasureReport report = fhir.get("Measure/an07/$evaluate-measure?periodStart=2025-01-01&periodEnd=2025-12-31"
                        + "&subject=Organization/" + unit)
                .expectOk(MeasureReport.class);

        assertThat(denominator).containsExactlyInAnyOrder(a, b, e);
        assertThat(numerator).containsExactly(a);
        assertThat(MeasureReports.count(report, "denominator")).isEqualTo(denominator.size());
        assertThat(MeasureReports.count(report, "numerator")).isEqualTo(numerator.size());
    }

    @Test
    void didRecipeGivesTheMeasuresValue() {
        FhirHttp fhir = new FhirHttp(port);
        String unit = fhir.putUnit("vc-d-" + UUID.randomUUID().toString().substring(0, 8), "Vårdcentralen DDD");
        String a = patient(fhir, unit, true);
        String b = patient(fhir, unit, true);
        String inactive = patient(fhir, unit, false);
        patient(fhir, unit, true);
        fhir.createId(prescribed(a, "2025-02-01")); // oxazepam 10 mg × 25 = 250 mg = 5 DDD
        MedicationRequest large = Fixtures.prescription(b, "N05BA04", "oxazepam-10mg-tab", 100);
        large.getDispenseRequest().setNumberOfRepeatsAllowed(1); // 100 × 2 × 10 mg = 2000 mg = 40 DDD
        large.setAuthoredOnElement(new DateTimeType("2025-06-01"));
        fhir.createId(large);
        fhir.createId(prescribed(inactive, "2025-06-01")); // not listed: not counted
        MedicationRequest noProduct = Fixtures.prescription(b, "N05BA01", null, 25); // counted apart
        noProduct.setAuthoredOnElement(new DateTimeType("2025-06-01"));
        fhir.createId(noProduct);

        // 1. listed patients on periodEnd
        int all = fhir.count("Patient?organization=Organization/" + unit + "&birthdate=le2025-12-31");
        Set<String> notListed = subjects(
                fhir, "Patient?organization=Organization/" + unit + "&active=false&birthdate=le2025-12-31", true);
        int listed = all - notListed.size();
        // 2. the product catalogue's strength and DDD
        Map<String, BigDecimal[]> products = new HashMap<>();
        fhir.get("CodeSystem/product")
                .expectOk(CodeSystem.class)
                .getConcept()
                .forEach(c -> products.put(c.getCode(), new BigDecimal[] {
                    new BigDecimal(property(c, "strength-mg")), new BigDecimal(property(c, "ddd-mg"))
                }));
        // 3. the group's prescriptions in the period at the unit, summed by the client
        BigDecimal ddd = BigDecimal.ZERO;
        for (Resource resource : fhir.searchAll("MedicationRequest?code:below="
                + encode("http://www.whocc.no/atc|N05BA")
                + "&authoredon=ge2025-01-01&authoredon=le2025-12-31&status=active,completed&intent=order"
                + "&subject:Patient.organization=Organization/" + unit)) {
            MedicationRequest request = (MedicationRequest) resource;
            String product = request.getMedicationCodeableConcept().getCoding().stream()
                    .filter(c -> "https://fhir.primarycare.se/CodeSystem/product".equals(c.getSystem()))
                    .map(c -> c.getCode())
                    .findFirst()
                    .orElse(null);
            if (notListed.contains(request.getSubject().getReference()) || product == null) {
                continue;
            }
            BigDecimal tablets = request.getDispenseRequest()
                    .getQuantity()
                    .getValue()
                    .multiply(
                            BigDecimal.valueOf(1L + request.getDispenseRequest().getNumberOfRepeatsAllowed()));
            ddd = ddd.add(tablets.multiply(products.get(product)[0])
                    .divide(products.get(product)[1], 6, RoundingMode.HALF_UP));
        }
        BigDecimal did = ddd.multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf((long) listed * 365), 4, RoundingMode.HALF_UP);

        MeasureReport report = fhir.get("Measure/did-n05ba/$evaluate-measure?periodStart=2025-01-01"
                        + "&periodEnd=2025-12-31&subject=Organization/" + unit)
                .expectOk(MeasureReport.class);

        assertThat(listed).isEqualTo(3);
        assertThat(ddd).isEqualByComparingTo("45");
        assertThat(report.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo(did);
    }

    private static String property(CodeSystem.ConceptDefinitionComponent concept, String name) {
        return concept.getProperty().stream()
                .filter(p -> p.getCode().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue()
                .primitiveValue();
    }

    private static Set<String> subjects(FhirHttp fhir, String query, boolean self) {
        return fhir.searchAll(query).stream()
                .map(r -> self
                        ? r.getIdElement().toUnqualifiedVersionless().getValue()
                        : r instanceof Condition condition
                                ? condition.getSubject().getReference()
                                : ((MedicationRequest) r).getSubject().getReference())
                .collect(Collectors.toSet());
    }

    private static String patient(FhirHttp fhir, String unit, boolean active) {
        Patient patient = Fixtures.patient("198112189876", "1981-12-18", unit);
        if (!active) {
            patient.setActive(false);
        }
        return fhir.createId(patient);
    }

    private static MedicationRequest prescribed(String patient, String date) {
        MedicationRequest request = Fixtures.prescription(patient, "N05BA04", "oxazepam-10mg-tab", 25);
        request.setAuthoredOnElement(new DateTimeType(date));
        return request;
    }
}
