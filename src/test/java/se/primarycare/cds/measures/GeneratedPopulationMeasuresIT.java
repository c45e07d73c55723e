package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
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
import java.util.UUID;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.GeneratedFiles;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationLoader;
import se.primarycare.cds.synthetic.PopulationSummary;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * A generated population of 2,000 patients is loaded into the server; every Measure from {@code
 * $evaluate-measure} must equal a deliberately naive computation straight from the generated NDJSON files, for
 * every unit, all units, and every stratum. Its own database, so other tests' data stay out. Some resources are
 * added to the generated ones (the same to the server and to the naive side) so that the version 2 rules have
 * cases on both sides: epilepsy (G40.9) for every second patient prescribed clonazepam for anxiety, and for the
 * Ån07 numerator medication reviews, medication plans (active, draft, completed) and team interventions
 * (Procedures and ServiceRequests, some drafts, some outside the 12 months).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:generated-population;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedPopulationMeasuresIT {

    private static final LocalDate START = LocalDate.of(2025, 7, 1);
    private static final LocalDate END = LocalDate.of(2026, 6, 30);
    private static final String KVA = "urn:oid:1.2.752.116.1.3.2.1.4";
    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-se";

    @LocalServerPort
    int port;

    FhirHttp fhir;
    List<Patient> patients;
    List<Condition> conditions;
    List<MedicationRequest> requests;
    List<Procedure> procedures;
    List<Observation> sickLeave;
    List<CarePlan> carePlans;
    List<ServiceRequest> serviceRequests;
    List<String> units;
    /** Patients given clonazepam for anxiety and epilepsy (G40.9): their clonazepam counts nowhere. */
    List<String> epilepticClonazepamUsers = new ArrayList<>();

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
        sickLeave = GeneratedFiles.read(dir, "Observation", Observation.class);
        carePlans = GeneratedFiles.read(dir, "CarePlan", CarePlan.class);
        serviceRequests = GeneratedFiles.read(dir, "ServiceRequest", ServiceRequest.class);
        units = summary.units().stream()
                .map(PopulationSummary.UnitCount::organizationId)
                .toList();
        assertThat(patients).hasSize(2000);
        supplement();
    }

    /**
     * Adds epilepsy and the three actions of Ån07-åtgärder: to the server (subject = the server's Patient id, found
     * by personnummer) and to the naive side's lists (subject = the NDJSON id), in one transaction.
     */
    private void supplement() {
        Map<String, String> serverIds = new HashMap<>();
        Map<String, String> byPersonnummer = new HashMap<>();
        for (Resource resource : fhir.searchAll("Patient?_elements=identifier")) {
            byPersonnummer.put(
                    ((Patient) resource).getIdentifierFirstRep().getValue(),
                    resource.getIdElement().getIdPart());
        }
        patients.forEach(p -> serverIds.put(
                p.getIdElement().getIdPart(),
                byPersonnummer.get(p.getIdentifierFirstRep().getValue())));
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);

        // Anxious patients without a benzodiazepine get one in the period: the first 8 clonazepam 2 mg for anxiety
        // (reason F41.1; every second also epilepsy G40.9, so it counts nowhere; 100 × (1 + 9) = 250 DDD for
        // half of the others: long-term use), the next 12 oxazepam 10 mg × 25 (a starter pack).
        Set<String> users = new HashSet<>();
        requests.stream()
                .filter(this::benzodiazepine)
                .forEach(r -> users.add(ref(r.getSubject().getReference())));
        List<String> anxiousOnly = anxiousIn24Months().stream()
                .filter(p -> !users.contains(p) && !epileptic(p))
                .sorted()
                .limit(20)
                .toList();
        for (int i = 0; i < anxiousOnly.size(); i++) {
            String patient = "Patient/" + anxiousOnly.get(i);
            MedicationRequest request;
            if (i < 8) {
                request = Fixtures.prescription(patient, "N03AE01", "clonazepam-2mg-tab", 100);
                request.getDispenseRequest().setNumberOfRepeatsAllowed(i % 4 < 2 ? 9 : 0);
                request.addReasonCode(new CodeableConcept(new Coding(ICD, "F41.1", null)));
                if (i % 2 == 0) {
                    epilepticClonazepamUsers.add(anxiousOnly.get(i));
                    Condition epilepsy = Fixtures.diagnosis(patient, "G40.9", "2019-03-01");
                    conditions.add(epilepsy);
                    add(transaction, epilepsy, serverIds);
                }
            } else {
                request = Fixtures.prescription(patient, "N05BA04", "oxazepam-10mg-tab", 25);
            }
            request.setAuthoredOnElement(
                    new DateTimeType(END.minusMonths(1 + i % 6).toString()));
            add(transaction, request, serverIds);
        }

        List<String> an07 = an07Numerator().stream().sorted().toList();
        for (int i = 0; i < an07.size(); i++) {
            String patient = "Patient/" + an07.get(i);
            LocalDate on = END.minusMonths(1 + i % 10);
            if (i % 2 == 0) {
                add(transaction, procedure(patient, "XV015", Procedure.ProcedureStatus.COMPLETED, on), serverIds);
            } else if (i % 6 == 1) {
                // a day before the 12 months ending periodEnd
                add(
                        transaction,
                        procedure(patient, "XV016", Procedure.ProcedureStatus.COMPLETED, END.minusMonths(12)),
                        serverIds);
            } else if (i % 6 == 3) {
                add(transaction, procedure(patient, "XV016", Procedure.ProcedureStatus.INPROGRESS, on), serverIds);
            }
            CarePlan.CarePlanStatus[] plans = {
                CarePlan.CarePlanStatus.ACTIVE, CarePlan.CarePlanStatus.DRAFT, CarePlan.CarePlanStatus.COMPLETED
            };
            add(transaction, medicationPlan(patient, plans[i % 3], on), serverIds);
            switch (i % 5) {
                case 0 ->
                    add(
                            transaction,
                            referral(patient, "DU011", ServiceRequest.ServiceRequestStatus.ACTIVE, on),
                            serverIds);
                case 1 ->
                    add(transaction, procedure(patient, "DV200", Procedure.ProcedureStatus.COMPLETED, on), serverIds);
                case 2 ->
                    add(
                            transaction,
                            referral(patient, "DV200", ServiceRequest.ServiceRequestStatus.DRAFT, on),
                            serverIds);
                case 3 ->
                    add(
                            transaction,
                            referral(patient, "AW005", ServiceRequest.ServiceRequestStatus.ACTIVE, on),
                            serverIds);
                default ->
                    add(transaction, procedure(patient, "DU022", Procedure.ProcedureStatus.COMPLETED, on), serverIds);
            }
        }
        FhirHttp.Response added = fhir.transaction(transaction);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
    }

    /** The resource with its NDJSON subject into the naive lists, a copy with the server's subject to the server. */
    private void add(Bundle transaction, Resource local, Map<String, String> serverIds) {
        Resource remote = local.copy();
        Reference subject;
        if (remote instanceof Condition c) {
            subject = c.getSubject();
        } else if (remote instanceof MedicationRequest r) {
            subject = r.getSubject();
            requests.add((MedicationRequest) local);
        } else if (remote instanceof Procedure p) {
            subject = p.getSubject();
            procedures.add((Procedure) local);
        } else if (remote instanceof CarePlan c) {
            subject = c.getSubject();
            carePlans.add((CarePlan) local);
        } else if (remote instanceof ServiceRequest r) {
            subject = r.getSubject();
            serviceRequests.add((ServiceRequest) local);
        } else {
            throw new IllegalArgumentException(remote.fhirType());
        }
        subject.setReference("Patient/" + serverIds.get(ref(subject.getReference())));
        transaction
                .addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(remote)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(remote.fhirType());
    }

    private static Procedure procedure(String patient, String kva, Procedure.ProcedureStatus status, LocalDate on) {
        Procedure procedure = new Procedure();
        procedure.setStatus(status);
        procedure.setCode(new CodeableConcept(new Coding(KVA, kva, null)));
        procedure.setSubject(new Reference(patient));
        procedure.setPerformed(new DateTimeType(on.toString()));
        return procedure;
    }

    private static CarePlan medicationPlan(String patient, CarePlan.CarePlanStatus status, LocalDate created) {
        CarePlan plan = new CarePlan();
        plan.setStatus(status);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(new CodeableConcept(
                new Coding("https://fhir.primarycare.se/CodeSystem/careplan-category", "medication-plan", null)));
        plan.setSubject(new Reference(patient));
        plan.setCreatedElement(new DateTimeType(created.toString()));
        plan.addActivity()
                .getDetail()
                .setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS)
                .setProduct(new CodeableConcept(new Coding("http://www.whocc.no/atc", "N05BA04", null)))
                .setDescription("Nedtrappning av oxazepam");
        return plan;
    }

    private static ServiceRequest referral(
            String patient, String kva, ServiceRequest.ServiceRequestStatus status, LocalDate authored) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(status);
        request.setIntent(
                status == ServiceRequest.ServiceRequestStatus.DRAFT
                        ? ServiceRequest.ServiceRequestIntent.PROPOSAL
                        : ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(new CodeableConcept(new Coding(KVA, kva, null)));
        request.setSubject(new Reference(patient));
        request.setAuthoredOnElement(new DateTimeType(authored.toString()));
        return request;
    }

    @Test
    void an07EqualsTheNaiveCount() {
        Set<String> anxious = anxiousIn24Months();
        Set<String> treated = benzodiazepineInPeriod();
        for (String unit : unitsAndAll()) {
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
        // and the epilepsy rule: some clonazepam users for anxiety were made epileptic
        assertThat(epilepticClonazepamUsers).isNotEmpty();
    }

    private Set<String> anxiousIn24Months() {
        Set<String> anxious = new HashSet<>();
        for (Condition c : conditions) {
            LocalDate recorded = day(c.getRecordedDateElement());
            if (isAnxiety(icd(c.getCode().getCoding()))
                    && !recorded.isBefore(END.minusMonths(24).plusDays(1))
                    && !recorded.isAfter(END)) {
                anxious.add(ref(c.getSubject().getReference()));
            }
        }
        return anxious;
    }

    private Set<String> benzodiazepineInPeriod() {
        Set<String> treated = new HashSet<>();
        for (MedicationRequest r : requests) {
            LocalDate authored = day(r.getAuthoredOnElement());
            if (benzodiazepine(r) && prescription(r) && !authored.isBefore(START) && !authored.isAfter(END)) {
                treated.add(ref(r.getSubject().getReference()));
            }
        }
        return treated;
    }

    /** Ån07's numerator, all units: Ån07-åtgärder's denominator. */
    private Set<String> an07Numerator() {
        Set<String> both = anxiousIn24Months();
        both.retainAll(benzodiazepineInPeriod());
        return both;
    }

    /** ATC below N05BA, or clonazepam for anxiety to a patient without epilepsy (indicators.md v2). */
    private boolean benzodiazepine(MedicationRequest r) {
        String atc = atc(r);
        return atc.startsWith("N05BA")
                || (atc.equals("N03AE01")
                        && anxietyReason(r)
                        && !epileptic(ref(r.getSubject().getReference())));
    }

    private boolean epileptic(String patient) {
        return conditions.stream()
                .anyMatch(c -> ref(c.getSubject().getReference()).equals(patient)
                        && icd(c.getCode().getCoding()) != null
                        && icd(c.getCode().getCoding()).startsWith("G40"));
    }

    @Test
    void an07ActionsAndEachOfItsPartsEqualTheNaiveCount() {
        Set<String> denominator = an07Numerator();
        LocalDate from = END.minusMonths(12).plusDays(1);
        List<String> team = List.of("DU008", "DU010", "DU011", "DU020", "DU022", "DV200");
        Set<String> reviewed = new HashSet<>();
        Set<String> planned = new HashSet<>();
        Set<String> offered = new HashSet<>();
        for (Procedure p : procedures) {
            LocalDate performed = day(p.getPerformedDateTimeType());
            if (p.getStatus() != Procedure.ProcedureStatus.COMPLETED
                    || performed.isBefore(from)
                    || performed.isAfter(END)) {
                continue;
            }
            String patient = ref(p.getSubject().getReference());
            if (p.getCode().getCoding().stream()
                    .anyMatch(c -> List.of("XV015", "XV016").contains(c.getCode()))) {
                reviewed.add(patient);
            }
            if (p.getCode().getCoding().stream().anyMatch(c -> team.contains(c.getCode()))) {
                offered.add(patient);
            }
        }
        for (CarePlan plan : carePlans) {
            LocalDate created = day(plan.getCreatedElement());
            boolean medicationPlan = plan.getCategory().stream()
                    .flatMap(c -> c.getCoding().stream())
                    .anyMatch(c -> "medication-plan".equals(c.getCode()));
            boolean counts = plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE
                    || plan.getStatus() == CarePlan.CarePlanStatus.COMPLETED;
            if (medicationPlan && counts && !created.isBefore(from) && !created.isAfter(END)) {
                planned.add(ref(plan.getSubject().getReference()));
            }
        }
        for (ServiceRequest r : serviceRequests) {
            LocalDate authored = day(r.getAuthoredOnElement());
            boolean counts = r.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE
                    || r.getStatus() == ServiceRequest.ServiceRequestStatus.COMPLETED;
            if (counts
                    && !authored.isBefore(from)
                    && !authored.isAfter(END)
                    && r.getCode().getCoding().stream().anyMatch(c -> team.contains(c.getCode()))) {
                offered.add(ref(r.getSubject().getReference()));
            }
        }
        java.util.function.ToIntFunction<String> inDenominator = p -> denominator.contains(p) ? 1 : 0;
        for (String unit : unitsAndAll()) {
            compare(
                    "an07-actions",
                    unit,
                    inDenominator,
                    p -> denominator.contains(p) && reviewed.contains(p) && planned.contains(p) && offered.contains(p)
                            ? 1
                            : 0);
            compareGroup(
                    "an07-actions",
                    "medication-review",
                    unit,
                    inDenominator,
                    p -> denominator.contains(p) && reviewed.contains(p) ? 1 : 0);
            compareGroup(
                    "an07-actions",
                    "medication-plan",
                    unit,
                    inDenominator,
                    p -> denominator.contains(p) && planned.contains(p) ? 1 : 0);
            compareGroup(
                    "an07-actions",
                    "team-intervention",
                    unit,
                    inDenominator,
                    p -> denominator.contains(p) && offered.contains(p) ? 1 : 0);
        }
    }

    @Test
    void didOfEveryGroupEqualsTheNaiveSum() {
        Map<String, BigDecimal[]> products = GeneratedFiles.products();
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
                    boolean counts = plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE
                            || plan.getStatus() == CarePlan.CarePlanStatus.COMPLETED;
                    if (rehab
                            && counts
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
        starterPack("starter-pack-benzodiazepines", 25, this::benzodiazepine);
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
        Map<String, BigDecimal[]> products = GeneratedFiles.products();
        LocalDate from = END.minusMonths(12).plusDays(1);
        Map<String, BigDecimal> ddd = new HashMap<>();
        for (MedicationRequest r : requests) {
            String atc = atc(r);
            LocalDate authored = day(r.getAuthoredOnElement());
            boolean group = benzodiazepine(r) || atc.startsWith("N05CF");
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
        compare(measure, null, unit, denominator, numerator, mustBeExercised);
    }

    /** As {@link #compare}, for the MeasureReport group of one of the indicator's parts. */
    private void compareGroup(
            String measure,
            String group,
            String unit,
            java.util.function.ToIntFunction<String> denominator,
            java.util.function.ToIntFunction<String> numerator) {
        compare(measure, group, unit, denominator, numerator, true);
    }

    private void compare(
            String measure,
            String groupCode,
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
        MeasureReport.MeasureReportGroupComponent group = groupCode == null
                ? report.getGroupFirstRep()
                : report.getGroup().stream()
                        .filter(g -> groupCode.equals(g.getCode().getText()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(measure + " has no group " + groupCode));
        String name = groupCode == null ? measure : measure + "/" + groupCode;
        String den = measure.startsWith("activity") ? "initial-population" : "denominator";
        String num = measure.startsWith("activity") ? "measure-population" : "numerator";
        int[] total = expected.getOrDefault("total", new int[2]);
        if (unit == null && mustBeExercised) {
            // the population must exercise the measure, or the comparison proves nothing
            assertThat(total[0]).as(name + " denominator, all units").isPositive();
            assertThat(total[1]).as(name + " numerator, all units").isPositive();
            assertThat(total[1])
                    .as(name + " numerator below denominator, all units")
                    .isLessThan(total[0]);
        }
        assertThat(count(group.getPopulation(), den)).as(name + " " + unit).isEqualTo(total[0]);
        assertThat(count(group.getPopulation(), num)).as(name + " " + unit).isEqualTo(total[1]);
        // a proportion without denominator has no score (not 0)
        if (!measure.startsWith("activity") && !measure.startsWith("did")) {
            assertThat(group.hasMeasureScore()).as(name + " " + unit + " score").isEqualTo(total[0] > 0);
        }
        for (var stratifier : group.getStratifier()) {
            for (var stratum : stratifier.getStratum()) {
                int[] counts = expected.getOrDefault(stratum.getValue().getText(), new int[2]);
                String label = name + " " + unit + " " + stratum.getValue().getText();
                if (!measure.startsWith("activity") && !measure.startsWith("did")) {
                    assertThat(stratum.hasMeasureScore()).as(label + " score").isEqualTo(counts[0] > 0);
                }
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
}
