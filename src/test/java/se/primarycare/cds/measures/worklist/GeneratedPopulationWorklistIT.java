package se.primarycare.cds.measures.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.GeneratedFiles;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationLoader;
import se.primarycare.cds.synthetic.PopulationSummary;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * A generated population of 2,000 patients in three units is loaded into the server; for every unit the three
 * worklists of {@code Patient/$worklist} must name exactly the patients a deliberately naive computation straight
 * from the generated NDJSON files finds, with the same open actions (Ån07) and days left (sick leave).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:generated-worklists;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedPopulationWorklistIT {

    private static final LocalDate DATE = LocalDate.of(2026, 6, 30);
    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-se";
    private static final String KVA = "urn:oid:1.2.752.116.1.3.2.1.4";

    @LocalServerPort
    int port;

    FhirHttp fhir;
    List<Patient> patients;
    List<Condition> conditions;
    List<MedicationRequest> requests;
    List<Procedure> procedures;
    List<ServiceRequest> serviceRequests;
    List<Observation> sickLeave;
    List<CarePlan> carePlans;
    List<String> units;

    @BeforeAll
    void generateAndLoad(@TempDir Path dir) throws Exception {
        fhir = new FhirHttp(port);
        PopulationSummary summary =
                PopulationWriter.generateTo(GeneratorSettings.of(2000, 11).withUnits(3), dir);
        new PopulationLoader(URI.create(fhir.base()), 2, false, System.out)
                .withBearerToken(fhir.token())
                .load(dir);
        patients = GeneratedFiles.read(dir, "Patient", Patient.class);
        conditions = GeneratedFiles.read(dir, "Condition", Condition.class);
        requests = GeneratedFiles.read(dir, "MedicationRequest", MedicationRequest.class);
        procedures = GeneratedFiles.read(dir, "Procedure", Procedure.class);
        serviceRequests = GeneratedFiles.read(dir, "ServiceRequest", ServiceRequest.class);
        sickLeave = GeneratedFiles.read(dir, "Observation", Observation.class);
        carePlans = GeneratedFiles.read(dir, "CarePlan", CarePlan.class);
        units = summary.units().stream()
                .map(PopulationSummary.UnitCount::organizationId)
                .toList();
    }

    @Test
    void an07ListEqualsTheNaiveListWithTheSameOpenActions() {
        int total = 0;
        for (String unit : units) {
            Map<String, Integer> expected = new TreeMap<>();
            Set<String> listed = listed(unit);
            LocalDate periodStart = DATE.minusMonths(12).plusDays(1);
            for (String patient : listed) {
                boolean anxious = conditionsOf(patient).stream()
                        .anyMatch(c -> isAnxiety(icd(c))
                                && within(
                                        day(c.getRecordedDateElement()),
                                        DATE.minusMonths(24).plusDays(1),
                                        DATE));
                boolean benzodiazepine = requestsOf(patient).stream()
                        .anyMatch(r -> prescription(r)
                                && within(day(r.getAuthoredOnElement()), periodStart, DATE)
                                && (atc(r).startsWith("N05BA") || (atc(r).equals("N03AE01") && clonazepamCounts(r))));
                if (anxious && benzodiazepine) {
                    boolean review = proceduresOf(patient).stream()
                            .anyMatch(p -> done(p, periodStart)
                                    && List.of("XV015", "XV016").contains(kva(p)));
                    boolean plan = carePlansOf(patient).stream()
                            .anyMatch(c -> counts(c)
                                    && category(c).equals("medication-plan")
                                    && within(day(c.getCreatedElement()), periodStart, DATE));
                    Set<String> team = Set.of("DU008", "DU010", "DU011", "DU020", "DU022", "DV200");
                    boolean offered = proceduresOf(patient).stream()
                                    .anyMatch(p -> done(p, periodStart) && team.contains(kva(p)))
                            || serviceRequestsOf(patient).stream()
                                    .anyMatch(s -> team.contains(kva(s))
                                            && (s.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE
                                                    || s.getStatus() == ServiceRequest.ServiceRequestStatus.COMPLETED)
                                            && within(day(s.getAuthoredOnElement()), periodStart, DATE));
                    expected.put(personnummer(patient), (review ? 0 : 1) + (plan ? 0 : 1) + (offered ? 0 : 1));
                }
            }
            assertThat(worklist("an07", unit, "open-actions"))
                    .as("an07 for " + unit)
                    .isEqualTo(expected);
            total += expected.size();
        }
        assertThat(total).as("the population must put patients on the list").isGreaterThanOrEqualTo(3);
    }

    @Test
    void sickLeaveListEqualsTheNaiveListWithTheSameDaysLeft() {
        int total = 0;
        Set<String> psychiatric = new HashSet<>();
        conditions.stream()
                .filter(c -> icd(c) != null && icd(c).startsWith("F"))
                .forEach(c -> psychiatric.add(c.getIdElement().getIdPart()));
        for (String unit : units) {
            Map<String, Integer> expected = new TreeMap<>();
            for (String patient : listed(unit)) {
                List<LocalDate[]> periods = new ArrayList<>();
                List<Boolean> psych = new ArrayList<>();
                sickLeave.stream()
                        .filter(o -> ref(o.getSubject().getReference()).equals(patient))
                        .sorted((a, b) -> day(a.getEffectivePeriod().getStartElement())
                                .compareTo(day(b.getEffectivePeriod().getStartElement())))
                        .forEach(o -> {
                            periods.add(new LocalDate[] {
                                day(o.getEffectivePeriod().getStartElement()),
                                day(o.getEffectivePeriod().getEndElement())
                            });
                            psych.add(o.getFocus().stream().anyMatch(f -> psychiatric.contains(ref(f.getReference()))));
                        });
                // naive join: walk the periods in start order, a new episode after more than 5 uncovered days
                LocalDate start = null;
                LocalDate end = null;
                boolean anyPsychiatric = false;
                LocalDate currentEnd = null;
                for (int i = 0; i <= periods.size(); i++) {
                    boolean newEpisode = i == periods.size()
                            || end == null
                            || ChronoUnit.DAYS.between(end, periods.get(i)[0]) - 1 > 5;
                    if (newEpisode && start != null) {
                        if (anyPsychiatric && !start.isAfter(DATE) && !end.isBefore(DATE.minusDays(7))) {
                            currentEnd = end;
                        }
                        start = null;
                    }
                    if (i == periods.size()) {
                        break;
                    }
                    if (start == null) {
                        start = periods.get(i)[0];
                        end = periods.get(i)[1];
                        anyPsychiatric = psych.get(i);
                    } else {
                        end = periods.get(i)[1].isAfter(end) ? periods.get(i)[1] : end;
                        anyPsychiatric |= psych.get(i);
                    }
                }
                if (currentEnd != null) {
                    expected.put(personnummer(patient), (int) Math.max(0, ChronoUnit.DAYS.between(DATE, currentEnd)));
                }
            }
            assertThat(worklist("sick-leave", unit, "days-left"))
                    .as("sick-leave for " + unit)
                    .isEqualTo(expected);
            total += expected.size();
        }
        assertThat(total).as("the population must put patients on the list").isGreaterThan(5);
    }

    @Test
    void taperingListEqualsTheNaiveListOfContinuousUse() {
        Map<String, BigDecimal[]> products = GeneratedFiles.products();
        int total = 0;
        for (String unit : units) {
            Set<String> expected = new TreeSet<>();
            for (String patient : listed(unit)) {
                Map<String, TreeSet<LocalDate>> coveredByGroup = new HashMap<>();
                for (MedicationRequest r : requestsOf(patient)) {
                    String group = group(atc(r));
                    BigDecimal[] product = products.get(product(r));
                    LocalDate authored = day(r.getAuthoredOnElement());
                    if (group == null
                            || !prescription(r)
                            || product == null
                            || !r.getDispenseRequest().hasQuantity()
                            || authored.isBefore(DATE.minusYears(2))
                            || authored.isAfter(DATE)
                            || (atc(r).equals("N03AE01") && !clonazepamCounts(r))) {
                        continue;
                    }
                    BigDecimal tablets = r.getDispenseRequest()
                            .getQuantity()
                            .getValue()
                            .multiply(BigDecimal.valueOf(
                                    1L + r.getDispenseRequest().getNumberOfRepeatsAllowed()));
                    long days = Math.max(
                            1,
                            tablets.multiply(product[0])
                                    .divide(product[1].multiply(new BigDecimal("0.5")), 0, RoundingMode.FLOOR)
                                    .longValue());
                    TreeSet<LocalDate> covered = coveredByGroup.computeIfAbsent(group, g -> new TreeSet<>());
                    for (long d = 0; d < days; d++) {
                        covered.add(authored.plusDays(d));
                    }
                }
                // naive: split the covered days where more than 30 uncovered days lie between two of them
                for (TreeSet<LocalDate> covered : coveredByGroup.values()) {
                    LocalDate chainStart = null;
                    LocalDate previous = null;
                    for (LocalDate day : covered) {
                        if (previous == null || ChronoUnit.DAYS.between(previous, day) - 1 > 30) {
                            if (qualifies(chainStart, previous)) {
                                expected.add(personnummer(patient));
                            }
                            chainStart = day;
                        }
                        previous = day;
                    }
                    if (qualifies(chainStart, previous)) {
                        expected.add(personnummer(patient));
                    }
                }
            }
            assertThat(worklist("tapering", unit, "open-actions").keySet())
                    .as("tapering for " + unit)
                    .isEqualTo(expected);
            total += expected.size();
        }
        assertThat(total).as("the population must put patients on the list").isGreaterThan(5);
    }

    private static boolean qualifies(LocalDate start, LocalDate end) {
        return start != null && !start.isAfter(DATE.minusDays(90)) && !end.isBefore(DATE.minusDays(30));
    }

    private static String group(String atc) {
        if (atc.startsWith("N05BA") || atc.equals("N03AE01")) {
            return "benzodiazepines";
        }
        if (atc.startsWith("N05CF")) {
            return "z-drugs";
        }
        if (atc.startsWith("N05CD")) {
            return "N05CD";
        }
        if (atc.startsWith("N02A")) {
            return "opioids";
        }
        return atc.startsWith("N02BF") ? "gabapentinoids" : null;
    }

    /** Personnummer → the integer value of a column, from the worklist of a unit. */
    private Map<String, Integer> worklist(String list, String unit, String column) {
        ListResource worklist = fhir.get(
                        "Patient/$worklist?list=" + list + "&organization=Organization/" + unit + "&date=" + DATE)
                .expectOk(ListResource.class);
        Map<String, Integer> values = new TreeMap<>();
        worklist.getEntry().forEach(e -> {
            Extension line = e.getExtensionByUrl(WorklistProvider.LINE);
            Extension value = line.getExtensionByUrl(column);
            // the server gives the loaded patients ids of its own: compare by personnummer
            values.put(
                    line.getExtensionByUrl("personnummer").getValue().primitiveValue(),
                    value == null ? -1 : Integer.parseInt(value.getValue().primitiveValue()));
        });
        return values;
    }

    private boolean clonazepamCounts(MedicationRequest r) {
        String patient = ref(r.getSubject().getReference());
        boolean epilepsy = conditionsOf(patient).stream().anyMatch(c -> icd(c) != null && icd(c).startsWith("G40"));
        if (epilepsy) {
            return false;
        }
        if (r.getReasonCode().stream().anyMatch(c -> c.getCoding().stream()
                .anyMatch(x -> ICD.equals(x.getSystem()) && isAnxiety(x.getCode())))) {
            return true;
        }
        Set<String> reasons = new HashSet<>();
        r.getReasonReference().forEach(ref -> reasons.add(ref(ref.getReference())));
        return conditions.stream()
                .anyMatch(c -> reasons.contains(c.getIdElement().getIdPart()) && isAnxiety(icd(c)));
    }

    private String personnummer(String patient) {
        return patients.stream()
                .filter(p -> p.getIdElement().getIdPart().equals(patient))
                .findFirst()
                .orElseThrow()
                .getIdentifierFirstRep()
                .getValue();
    }

    private Set<String> listed(String unit) {
        Set<String> listed = new HashSet<>();
        for (Patient p : patients) {
            boolean active = !p.hasActive() || p.getActive();
            if (active
                    && unit.equals(
                            p.getManagingOrganization().getReferenceElement().getIdPart())
                    && !day(p.getBirthDateElement()).isAfter(DATE)) {
                listed.add(p.getIdElement().getIdPart());
            }
        }
        return listed;
    }

    private List<Condition> conditionsOf(String patient) {
        return conditions.stream()
                .filter(c -> ref(c.getSubject().getReference()).equals(patient))
                .toList();
    }

    private List<MedicationRequest> requestsOf(String patient) {
        return requests.stream()
                .filter(r -> ref(r.getSubject().getReference()).equals(patient))
                .toList();
    }

    private List<Procedure> proceduresOf(String patient) {
        return procedures.stream()
                .filter(p -> ref(p.getSubject().getReference()).equals(patient))
                .toList();
    }

    private List<ServiceRequest> serviceRequestsOf(String patient) {
        return serviceRequests.stream()
                .filter(s -> ref(s.getSubject().getReference()).equals(patient))
                .toList();
    }

    private List<CarePlan> carePlansOf(String patient) {
        return carePlans.stream()
                .filter(c -> ref(c.getSubject().getReference()).equals(patient))
                .toList();
    }

    private static boolean done(Procedure p, LocalDate from) {
        return p.getStatus() == Procedure.ProcedureStatus.COMPLETED
                && p.hasPerformedDateTimeType()
                && within(day(p.getPerformedDateTimeType()), from, DATE);
    }

    private static boolean counts(CarePlan plan) {
        return plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE
                || plan.getStatus() == CarePlan.CarePlanStatus.COMPLETED;
    }

    private static String category(CarePlan plan) {
        return plan.getCategoryFirstRep().getCodingFirstRep().getCode();
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }

    private static boolean isAnxiety(String icd) {
        if (icd == null || icd.length() < 3 || icd.charAt(0) != 'F') {
            return false;
        }
        int number = Integer.parseInt(icd.substring(1, 3));
        return number >= 40 && number <= 48;
    }

    private static boolean prescription(MedicationRequest r) {
        return (r.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE
                        || r.getStatus() == MedicationRequest.MedicationRequestStatus.COMPLETED)
                && r.getIntent() == MedicationRequest.MedicationRequestIntent.ORDER;
    }

    private static String icd(Condition c) {
        return code(c.getCode().getCoding(), ICD);
    }

    private static String kva(Procedure p) {
        return code(p.getCode().getCoding(), KVA);
    }

    private static String kva(ServiceRequest s) {
        return code(s.getCode().getCoding(), KVA);
    }

    private static String code(List<Coding> codings, String system) {
        return codings.stream()
                .filter(c -> system.equals(c.getSystem()))
                .map(Coding::getCode)
                .findFirst()
                .orElse(null);
    }

    private static String atc(MedicationRequest r) {
        String atc = code(r.getMedicationCodeableConcept().getCoding(), "http://www.whocc.no/atc");
        return atc == null ? "" : atc;
    }

    private static String product(MedicationRequest r) {
        return code(r.getMedicationCodeableConcept().getCoding(), "https://fhir.primarycare.se/CodeSystem/product");
    }

    /** The calendar day as written; the generator writes plain dates. */
    private static LocalDate day(BaseDateTimeType value) {
        return value == null || value.getValue() == null
                ? null
                : LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
    }

    private static String ref(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }
}
