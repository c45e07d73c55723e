package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.TestProfiles;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationLoader;
import se.primarycare.cds.synthetic.PopulationSummary;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * A generated population of 2,000 patients is loaded into the server; Ån07, DID N05BA and the DV200 activity
 * count from {@code $evaluate-measure} must equal a deliberately naive computation straight from the generated
 * NDJSON files, for every unit, all units, and every stratum. Its own database, so other tests' data stay out.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:generated-population;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedPopulationMeasuresIT {

    private static final LocalDate START = LocalDate.of(2025, 7, 1);
    private static final LocalDate END = LocalDate.of(2026, 6, 30);

    @LocalServerPort
    int port;

    FhirHttp fhir;
    List<Patient> patients;
    List<Condition> conditions;
    List<MedicationRequest> requests;
    List<Procedure> procedures;
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
        patients = read(dir, "Patient", Patient.class);
        conditions = read(dir, "Condition", Condition.class);
        requests = read(dir, "MedicationRequest", MedicationRequest.class);
        procedures = read(dir, "Procedure", Procedure.class);
        sickLeave = read(dir, "Observation", Observation.class);
        carePlans = read(dir, "CarePlan", CarePlan.class);
        units = summary.units().stream()
                .map(PopulationSummary.UnitCount::organizationId)
                .toList();
        assertThat(patients).hasSize(2000);
    }

    @Test
    void an07EqualsTheNaiveCount() {
        for (String unit : unitsAndAll()) {
            Set<String> anxious = new HashSet<>();
            for (Condition c : conditions) {
                LocalDate recorded = day(c.getRecordedDateElement());
                if (isAnxiety(icd(c.getCode().getCoding()))
                        && !recorded.isBefore(END.minusMonths(24).plusDays(1))
                        && !recorded.isAfter(END)) {
                    anxious.add(ref(c.getSubject().getReference()));
                }
            }
            Set<String> treated = new HashSet<>();
            for (MedicationRequest r : requests) {
                String atc = atc(r);
                LocalDate authored = day(r.getAuthoredOnElement());
                boolean benzo = atc.startsWith("N05BA") || (atc.equals("N03AE01") && anxietyReason(r));
                if (benzo && prescription(r) && !authored.isBefore(START) && !authored.isAfter(END)) {
                    treated.add(ref(r.getSubject().getReference()));
                }
            }
            compare(
                    "an07",
                    unit,
                    p -> anxious.contains(p) ? 1 : 0,
                    p -> anxious.contains(p) && treated.contains(p) ? 1 : 0);
        }
        // the population must exercise the measure, or the comparison proves nothing
        MeasureReport all = evaluate("an07", null);
        assertThat(count(all.getGroupFirstRep().getPopulation(), "denominator")).isGreaterThan(100);
        assertThat(count(all.getGroupFirstRep().getPopulation(), "numerator")).isPositive();
    }

    @Test
    void didOfEveryGroupEqualsTheNaiveSum() {
        Map<String, BigDecimal[]> products = products();
        for (String group : List.of("N05BA", "N05CF", "N05CD", "N02A", "N02AA", "N02AJ", "N02BF02")) {
            for (String unit : unitsAndAll()) {
                checkDid(group, unit, products);
            }
        }
    }

    private void checkDid(String group, String unit, Map<String, BigDecimal[]> products) {
        {
            Map<String, Patient> listed = listed(unit);
            BigDecimal ddd = BigDecimal.ZERO;
            for (MedicationRequest r : requests) {
                LocalDate authored = day(r.getAuthoredOnElement());
                String product = product(r);
                if (atc(r).startsWith(group)
                        && prescription(r)
                        && !authored.isBefore(START)
                        && !authored.isAfter(END)
                        && listed.containsKey(ref(r.getSubject().getReference()))
                        && product != null
                        && products.containsKey(product)
                        && r.getDispenseRequest().hasQuantity()) {
                    BigDecimal tablets = r.getDispenseRequest()
                            .getQuantity()
                            .getValue()
                            .multiply(BigDecimal.valueOf(
                                    1L + r.getDispenseRequest().getNumberOfRepeatsAllowed()));
                    ddd = ddd.add(tablets.multiply(products.get(product)[0])
                            .divide(products.get(product)[1], 6, RoundingMode.HALF_UP));
                }
            }
            long days = ChronoUnit.DAYS.between(START, END) + 1;
            BigDecimal expected = ddd.multiply(BigDecimal.valueOf(1000))
                    .divide(BigDecimal.valueOf(listed.size() * days), 4, RoundingMode.HALF_UP);
            if (group.equals("N05BA")) {
                assertThat(ddd).as("DDD of N05BA in " + unit).isPositive();
            }
            MeasureReport report = evaluate("did-" + group.toLowerCase(java.util.Locale.ROOT), unit);
            assertThat(report.getGroupFirstRep().getMeasureScore().getValue())
                    .as("DID " + group + " " + unit)
                    .isEqualByComparingTo(expected);
            assertThat(count(report.getGroupFirstRep().getPopulation(), "denominator"))
                    .isEqualTo(listed.size());
        }
    }

    @Test
    void an09EqualsTheNaiveCount() {
        for (String unit : unitsAndAll()) {
            Map<String, List<LocalDate>> anxietyDates = new HashMap<>();
            for (Condition c : conditions) {
                if (isAnxiety(icd(c.getCode().getCoding()))) {
                    anxietyDates
                            .computeIfAbsent(ref(c.getSubject().getReference()), k -> new ArrayList<>())
                            .add(day(c.getRecordedDateElement()));
                }
            }
            Map<String, LocalDate> index = new HashMap<>();
            anxietyDates.forEach((patient, dates) -> {
                for (LocalDate d : dates) {
                    boolean inPeriod = !d.isBefore(START) && !d.isAfter(END);
                    boolean earlier = dates.stream().anyMatch(o -> !o.isBefore(d.minusMonths(12)) && o.isBefore(d));
                    if (inPeriod && !earlier && (!index.containsKey(patient) || d.isBefore(index.get(patient)))) {
                        index.put(patient, d);
                    }
                }
            });
            Set<String> kbt = new HashSet<>();
            for (Procedure p : procedures) {
                String patient = ref(p.getSubject().getReference());
                boolean du011 = p.getCode().getCoding().stream().anyMatch(c -> "DU011".equals(c.getCode()));
                if (du011 && index.containsKey(patient) && p.getStatus() == Procedure.ProcedureStatus.COMPLETED) {
                    long days = ChronoUnit.DAYS.between(index.get(patient), day(p.getPerformedDateTimeType()));
                    if (days >= 0 && days <= 180) {
                        kbt.add(patient);
                    }
                }
            }
            compare("an09", unit, p -> index.containsKey(p) ? 1 : 0, p -> kbt.contains(p) ? 1 : 0);
        }
    }

    @Test
    void sl28AndSl14EqualTheNaiveCount() {
        Map<String, String> conditionCode = new HashMap<>();
        conditions.forEach(c ->
                conditionCode.put(c.getIdElement().getIdPart(), icd(c.getCode().getCoding())));
        Map<String, List<Observation>> byPatient = new HashMap<>();
        sickLeave.forEach(o -> byPatient
                .computeIfAbsent(ref(o.getSubject().getReference()), k -> new ArrayList<>())
                .add(o));
        for (int longerThan : new int[] {28, 14}) {
            Map<String, List<LocalDate[]>> episodes = new HashMap<>();
            byPatient.forEach((patient, periods) -> {
                periods.sort((a, b) -> day(a.getEffectivePeriod().getStartElement())
                        .compareTo(day(b.getEffectivePeriod().getStartElement())));
                LocalDate start = null;
                LocalDate end = null;
                boolean psychiatric = false;
                for (Observation o : periods) {
                    LocalDate s = day(o.getEffectivePeriod().getStartElement());
                    LocalDate e = day(o.getEffectivePeriod().getEndElement());
                    if (end != null && ChronoUnit.DAYS.between(end, s) - 1 > 5) {
                        addEpisode(episodes, patient, start, end, psychiatric, longerThan);
                        start = null;
                        psychiatric = false;
                    }
                    if (start == null) {
                        start = s;
                        end = e;
                    } else if (e.isAfter(end)) {
                        end = e;
                    }
                    psychiatric |= o.getFocus().stream()
                            .map(f -> conditionCode.get(ref(f.getReference())))
                            .anyMatch(code -> code != null && code.startsWith("F"));
                }
                addEpisode(episodes, patient, start, end, psychiatric, longerThan);
            });
            Set<String> met = new HashSet<>();
            if (longerThan == 28) {
                for (CarePlan plan : carePlans) {
                    boolean rehab = plan.getCategory().stream()
                            .flatMap(c -> c.getCoding().stream())
                            .anyMatch(c -> "rehab-plan".equals(c.getCode()));
                    LocalDate created = day(plan.getCreatedElement());
                    if (rehab
                            && episodes.getOrDefault(ref(plan.getSubject().getReference()), List.of()).stream()
                                    .anyMatch(ep -> !created.isBefore(ep[0]) && !created.isAfter(ep[0].plusDays(60)))) {
                        met.add(ref(plan.getSubject().getReference()));
                    }
                }
            } else {
                for (Procedure p : procedures) {
                    boolean activity = p.getCode().getCoding().stream()
                            .anyMatch(c ->
                                    List.of("DV131", "DV132", "DV133", "DV200").contains(c.getCode()));
                    LocalDate performed = day(p.getPerformedDateTimeType());
                    if (activity
                            && p.getStatus() == Procedure.ProcedureStatus.COMPLETED
                            && episodes.getOrDefault(ref(p.getSubject().getReference()), List.of()).stream()
                                    .anyMatch(ep -> !performed.isBefore(ep[0].minusDays(30))
                                            && !performed.isAfter(ep[1].plusDays(30)))) {
                        met.add(ref(p.getSubject().getReference()));
                    }
                }
            }
            for (String unit : unitsAndAll()) {
                compare(
                        longerThan == 28 ? "sl28" : "sl14",
                        unit,
                        p -> episodes.containsKey(p) ? 1 : 0,
                        p -> met.contains(p) ? 1 : 0);
            }
        }
    }

    private static void addEpisode(
            Map<String, List<LocalDate[]>> episodes,
            String patient,
            LocalDate start,
            LocalDate end,
            boolean psychiatric,
            int longerThan) {
        if (start != null
                && psychiatric
                && ChronoUnit.DAYS.between(start, end) + 1 > longerThan
                && !start.isAfter(END)
                && !end.isBefore(START)) {
            episodes.computeIfAbsent(patient, k -> new ArrayList<>()).add(new LocalDate[] {start, end});
        }
    }

    @Test
    void starterPacksEqualTheNaiveCount() {
        starterPack(
                "starter-pack-benzodiazepines",
                25,
                r -> atc(r).startsWith("N05BA") || (atc(r).equals("N03AE01") && anxietyReason(r)));
        starterPack("starter-pack-z-drugs", 30, r -> atc(r).startsWith("N05CF"));
    }

    /** New prescriptions of the group in the period (none in the 365 days before) and those within the limit. */
    private void starterPack(String measure, int limit, java.util.function.Predicate<MedicationRequest> inGroup) {
        Map<String, List<MedicationRequest>> group = new HashMap<>();
        for (MedicationRequest r : requests) {
            if (prescription(r) && inGroup.test(r)) {
                group.computeIfAbsent(ref(r.getSubject().getReference()), k -> new ArrayList<>())
                        .add(r);
            }
        }
        Map<String, int[]> perPatient = new HashMap<>();
        group.forEach((patient, list) -> {
            for (MedicationRequest r : list) {
                LocalDate d = day(r.getAuthoredOnElement());
                boolean isNew = list.stream()
                        .map(o -> day(o.getAuthoredOnElement()))
                        .noneMatch(o -> !o.isBefore(d.minusDays(365)) && o.isBefore(d));
                if (isNew && !d.isBefore(START) && !d.isAfter(END)) {
                    int[] counts = perPatient.computeIfAbsent(patient, k -> new int[2]);
                    counts[0]++;
                    BigDecimal tablets = r.getDispenseRequest()
                            .getQuantity()
                            .getValue()
                            .multiply(BigDecimal.valueOf(
                                    1L + r.getDispenseRequest().getNumberOfRepeatsAllowed()));
                    counts[1] += tablets.compareTo(BigDecimal.valueOf(limit)) <= 0 ? 1 : 0;
                }
            }
        });
        for (String unit : unitsAndAll()) {
            compare(measure, unit, p -> perPatient.getOrDefault(p, new int[2])[0], p -> perPatient
                    .getOrDefault(p, new int[2])[1]);
        }
    }

    @Test
    void longTermUseEqualsTheNaiveCount() {
        Map<String, BigDecimal[]> products = products();
        LocalDate from = END.minusMonths(12).plusDays(1);
        Map<String, BigDecimal> ddd = new HashMap<>();
        for (MedicationRequest r : requests) {
            String atc = atc(r);
            LocalDate authored = day(r.getAuthoredOnElement());
            boolean group =
                    atc.startsWith("N05BA") || atc.startsWith("N05CF") || (atc.equals("N03AE01") && anxietyReason(r));
            if (!group || !prescription(r) || authored.isBefore(from) || authored.isAfter(END)) {
                continue;
            }
            String product = product(r);
            BigDecimal amount = BigDecimal.ZERO;
            if (product != null
                    && products.containsKey(product)
                    && r.getDispenseRequest().hasQuantity()) {
                amount = r.getDispenseRequest()
                        .getQuantity()
                        .getValue()
                        .multiply(BigDecimal.valueOf(1L + r.getDispenseRequest().getNumberOfRepeatsAllowed()))
                        .multiply(products.get(product)[0])
                        .divide(products.get(product)[1], 6, RoundingMode.HALF_UP);
            }
            ddd.merge(ref(r.getSubject().getReference()), amount, BigDecimal::add);
        }
        BigDecimal half = BigDecimal.valueOf(0.5 * 365);
        for (String unit : unitsAndAll()) {
            compare(
                    "long-term-use",
                    unit,
                    p -> ddd.containsKey(p) ? 1 : 0,
                    p -> ddd.containsKey(p) && ddd.get(p).compareTo(half) >= 0 ? 1 : 0);
        }
    }

    @Test
    void activityCountsEqualTheNaiveCount() {
        for (String code : List.of("DV131", "DV132", "DV133", "DV200", "AW005", "DU011")) {
            for (String unit : unitsAndAll()) {
                checkActivity(code, unit);
            }
        }
    }

    private void checkActivity(String code, String unit) {
        {
            Map<String, Integer> perPatient = new HashMap<>();
            for (Procedure p : procedures) {
                LocalDate performed = day(p.getPerformedDateTimeType());
                boolean coded = p.getCode().getCoding().stream().anyMatch(c -> code.equals(c.getCode()));
                if (coded
                        && p.getStatus() == Procedure.ProcedureStatus.COMPLETED
                        && !performed.isBefore(START)
                        && !performed.isAfter(END)) {
                    perPatient.merge(ref(p.getSubject().getReference()), 1, Integer::sum);
                }
            }
            compare(
                    "activity-" + code.toLowerCase(java.util.Locale.ROOT),
                    unit,
                    p -> 1,
                    p -> perPatient.getOrDefault(p, 0),
                    code.equals("DV200"));
        }
    }

    /** Checks total and every stratum of a measure against per-patient (denominator, numerator) contributions. */
    private void compare(
            String measure,
            String unit,
            java.util.function.ToIntFunction<String> denominator,
            java.util.function.ToIntFunction<String> numerator) {
        compare(measure, unit, denominator, numerator, true);
    }

    private void compare(
            String measure,
            String unit,
            java.util.function.ToIntFunction<String> denominator,
            java.util.function.ToIntFunction<String> numerator,
            boolean mustBeExercised) {
        Map<String, int[]> expected = new HashMap<>();
        for (Map.Entry<String, Patient> entry : listed(unit).entrySet()) {
            Patient patient = entry.getValue();
            int d = denominator.applyAsInt(entry.getKey());
            int n = numerator.applyAsInt(entry.getKey());
            for (String stratum : List.of(
                    "total",
                    Period.between(day(patient.getBirthDateElement()), END).getYears() < 40 ? "<40" : ">=40",
                    patient.hasGender() ? patient.getGender().toCode() : "unknown")) {
                int[] counts = expected.computeIfAbsent(stratum, k -> new int[2]);
                counts[0] += d;
                counts[1] += n;
            }
        }
        MeasureReport report = evaluate(measure, unit);
        String den = measure.startsWith("activity") ? "initial-population" : "denominator";
        String num = measure.startsWith("activity") ? "measure-population" : "numerator";
        int[] total = expected.getOrDefault("total", new int[2]);
        if (unit == null && mustBeExercised) {
            // the population must exercise the measure, or the comparison proves nothing
            assertThat(total[0]).as(measure + " denominator, all units").isPositive();
            assertThat(total[1]).as(measure + " numerator, all units").isPositive();
        }
        assertThat(count(report.getGroupFirstRep().getPopulation(), den))
                .as(measure + " " + unit)
                .isEqualTo(total[0]);
        assertThat(count(report.getGroupFirstRep().getPopulation(), num))
                .as(measure + " " + unit)
                .isEqualTo(total[1]);
        for (var stratifier : report.getGroupFirstRep().getStratifier()) {
            for (var stratum : stratifier.getStratum()) {
                int[] counts = expected.getOrDefault(stratum.getValue().getText(), new int[2]);
                String label = measure + " " + unit + " " + stratum.getValue().getText();
                assertThat(stratum.getPopulation().stream()
                                .filter(p -> p.getCode()
                                        .getCodingFirstRep()
                                        .getCode()
                                        .equals(den))
                                .findFirst()
                                .orElseThrow()
                                .getCount())
                        .as(label)
                        .isEqualTo(counts[0]);
                assertThat(stratum.getPopulation().stream()
                                .filter(p -> p.getCode()
                                        .getCodingFirstRep()
                                        .getCode()
                                        .equals(num))
                                .findFirst()
                                .orElseThrow()
                                .getCount())
                        .as(label)
                        .isEqualTo(counts[1]);
            }
        }
    }

    private Map<String, Patient> listed(String unit) {
        Map<String, Patient> listed = new HashMap<>();
        for (Patient p : patients) {
            String org = p.getManagingOrganization().getReferenceElement().getIdPart();
            boolean active = !p.hasActive() || p.getActive();
            if (active
                    && org != null
                    && (unit == null || unit.equals(org))
                    && !day(p.getBirthDateElement()).isAfter(END)) {
                listed.put(p.getIdElement().getIdPart(), p);
            }
        }
        return listed;
    }

    private List<String> unitsAndAll() {
        List<String> all = new ArrayList<>(units);
        all.add(null);
        return all;
    }

    private MeasureReport evaluate(String measure, String unit) {
        return fhir.get("Measure/" + measure + "/$evaluate-measure?periodStart=" + START + "&periodEnd=" + END
                        + (unit == null ? "" : "&subject=Organization/" + unit))
                .expectOk(MeasureReport.class);
    }

    private boolean anxietyReason(MedicationRequest r) {
        if (r.getReasonCode().stream().anyMatch(c -> isAnxiety(icd(c.getCoding())))) {
            return true;
        }
        Set<String> reasons = new HashSet<>();
        r.getReasonReference().forEach(ref -> reasons.add(ref(ref.getReference())));
        return conditions.stream()
                .anyMatch(c -> reasons.contains(c.getIdElement().getIdPart())
                        && isAnxiety(icd(c.getCode().getCoding())));
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

    private static String icd(List<Coding> codings) {
        return codings.stream()
                .filter(c -> "http://hl7.org/fhir/sid/icd-10-se".equals(c.getSystem()))
                .map(Coding::getCode)
                .findFirst()
                .orElse(null);
    }

    private static String atc(MedicationRequest r) {
        return r.getMedicationCodeableConcept().getCoding().stream()
                .filter(c -> "http://www.whocc.no/atc".equals(c.getSystem()))
                .map(Coding::getCode)
                .findFirst()
                .orElse("");
    }

    private static String product(MedicationRequest r) {
        return r.getMedicationCodeableConcept().getCoding().stream()
                .filter(c -> "https://fhir.primarycare.se/CodeSystem/product".equals(c.getSystem()))
                .map(Coding::getCode)
                .findFirst()
                .orElse(null);
    }

    /** Product code → {strength mg, DDD mg}, read from the product CodeSystem file. */
    private static Map<String, BigDecimal[]> products() {
        Map<String, BigDecimal[]> products = new HashMap<>();
        TestProfiles.profiles().ofType(CodeSystem.class).stream()
                .filter(cs -> cs.getUrl().equals("https://fhir.primarycare.se/CodeSystem/product"))
                .flatMap(cs -> cs.getConcept().stream())
                .forEach(c -> products.put(c.getCode(), new BigDecimal[] {
                    new BigDecimal(property(c, "strength-mg")), new BigDecimal(property(c, "ddd-mg"))
                }));
        return products;
    }

    private static String property(CodeSystem.ConceptDefinitionComponent concept, String name) {
        return concept.getProperty().stream()
                .filter(p -> p.getCode().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue()
                .primitiveValue();
    }

    private static LocalDate day(BaseDateTimeType value) {
        return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
    }

    private static String ref(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }

    private static int count(List<MeasureReport.MeasureReportGroupPopulationComponent> populations, String code) {
        return populations.stream()
                .filter(p -> p.getCode().getCodingFirstRep().getCode().equals(code))
                .findFirst()
                .orElseThrow()
                .getCount();
    }

    private static <T extends IBaseResource> List<T> read(Path dir, String type, Class<T> kind) throws Exception {
        IParser parser = FhirHttp.FHIR.newJsonParser();
        List<T> resources = new ArrayList<>();
        Path file = dir.resolve("ndjson").resolve(type + ".ndjson");
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                resources.add(parser.parseResource(kind, line));
            }
        }
        return resources;
    }
}
