package se.primarycare.cds.measures.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.measures.core.InMemoryMeasureData;
import se.primarycare.cds.measures.core.IndicatorVocabulary;
import se.primarycare.cds.measures.core.IndicatorVocabulary.ProductDose;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PatientIdentity;
import se.primarycare.cds.measures.core.MeasureFacts.PractitionerRow;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.ServiceRequestRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * Hand-computed worklists (indicators.md v2) on 2026-06-30 for unit vc1, with the reasoning next to each
 * expectation: a patient with every action done, one with none, one without a PAL, one with G40 + clonazepam, a
 * certificate ending in 14 days and one in 15, and draft CarePlans that must not count.
 */
class WorklistCalculatorTest {

    private static final LocalDate DATE = LocalDate.of(2026, 6, 30);
    private static final Map<String, ProductDose> PRODUCTS = Map.of(
            "oxazepam-10mg-tab", new ProductDose(new BigDecimal(10), new BigDecimal(50)),
            "diazepam-5mg-tab", new ProductDose(new BigDecimal(5), new BigDecimal(10)),
            "clonazepam-0.5mg-tab", new ProductDose(new BigDecimal("0.5"), new BigDecimal(8)),
            "zolpidem-10mg-tab", new ProductDose(new BigDecimal(10), new BigDecimal(10)),
            "oxycodone-5mg-tab", new ProductDose(new BigDecimal(5), new BigDecimal(75)));
    private static final IndicatorVocabulary VOCABULARY = new IndicatorVocabulary(
            code -> code.compareTo("F40") >= 0 && code.compareTo("F49") < 0,
            code -> code.startsWith("F"),
            atc -> atc.startsWith("N05BA"),
            atc -> atc.equals("N03AE01"),
            atc -> atc.startsWith("N05CF"),
            product -> java.util.Optional.ofNullable(PRODUCTS.get(product)),
            new IndicatorVocabulary.QueryHints(
                    List.of("N05BA", "N03AE01"), List.of("N05CF"), List.of("F4"), List.of("F")),
            "DU011"::equals,
            code -> List.of("DV131", "DV132", "DV133", "DV200").contains(code),
            code -> code.startsWith("G40"),
            code -> code.equals("XV015") || code.equals("XV016"),
            code -> List.of("DU008", "DU010", "DU011", "DU020", "DU022", "DV200")
                    .contains(code));
    private static final WorklistCodes CODES = new WorklistCodes(
            groups(),
            atc -> Map.of("N05BA04", "oxazepam", "N05BA01", "diazepam", "N03AE01", "klonazepam", "N05CF02", "zolpidem")
                    .getOrDefault(atc, atc),
            List.of("N05BA", "N03AE01", "N05CF", "N05CD", "N02A", "N02BF"));

    private final InMemoryMeasureData data = new InMemoryMeasureData();
    private final WorklistCalculator worklists = new WorklistCalculator(data, VOCABULARY, CODES);

    private static Map<String, Predicate<String>> groups() {
        Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        groups.put("Bensodiazepiner", atc -> atc.startsWith("N05BA") || atc.equals("N03AE01"));
        groups.put("Z-läkemedel", atc -> atc.startsWith("N05CF"));
        groups.put("Opioider", atc -> atc.startsWith("N02A"));
        return groups;
    }

    private void patient(String id, String birth, String unit, String pal) {
        data.patients.add(new ListedPatient(id, LocalDate.parse(birth), "female", unit, pal));
        data.identities.add(
                new PatientIdentity(id, "19" + birth.replace("-", "").substring(2) + "0000", null));
    }

    private void diagnosis(String patient, String id, String code, String recorded) {
        data.diagnoses.add(new DiagnosisRow(patient, id, code, LocalDate.parse(recorded)));
    }

    private void prescription(String patient, String atc, String product, int tablets, String authored, String reason) {
        data.prescriptions.add(new PrescriptionRow(
                patient,
                patient + "-" + atc + "-" + authored,
                "completed",
                "order",
                LocalDate.parse(authored),
                atc,
                product,
                new BigDecimal(tablets),
                0,
                reason == null ? List.of() : List.of(reason),
                List.of()));
    }

    private void procedure(String patient, String code, String performed) {
        data.procedures.add(new ProcedureRow(patient, code, "completed", LocalDate.parse(performed)));
    }

    private void anxietyPopulation() {
        data.practitioners.add(new PractitionerRow("doc1", "SE2321000065-1001", "Anna Läkare"));
        data.practitioners.add(new PractitionerRow("doc2", "SE2321000065-1002", "Bo Doktor"));
        // p1: every action done in the 12 months: review 2026-02-01, active plan 2026-03-01, KBT 2026-04-01
        patient("p1", "1980-01-01", "vc1", "doc1");
        diagnosis("p1", "p1-c1", "F41.1", "2026-01-10");
        prescription("p1", "N05BA04", "oxazepam-10mg-tab", 30, "2026-05-01", null);
        procedure("p1", "XV015", "2026-02-01");
        data.carePlans.add(new CarePlanRow("p1", "active", LocalDate.parse("2026-03-01"), "medication-plan"));
        procedure("p1", "DU011", "2026-04-01");
        // p2: none done; a draft medication plan (a CDS proposal) is not a plan
        patient("p2", "1975-05-05", "vc1", "doc2");
        diagnosis("p2", "p2-c1", "F41.0", "2025-09-01");
        prescription("p2", "N05BA01", "diazepam-5mg-tab", 100, "2026-06-01", null);
        data.carePlans.add(new CarePlanRow("p2", "draft", LocalDate.parse("2026-06-10"), "medication-plan"));
        // p3: no PAL; a FaR referral (ServiceRequest) counts as the team intervention; no product, so DDD unknown
        patient("p3", "1990-02-02", "vc1", null);
        diagnosis("p3", "p3-c1", "F43.8A", "2026-02-02");
        prescription("p3", "N05BA12", null, 20, "2026-05-15", null);
        data.serviceRequests.add(new ServiceRequestRow("p3", "DV200", "active", LocalDate.parse("2026-05-05")));
        // p4: G40 and clonazepam given for anxiety: an antiepileptic, never a benzodiazepine here
        patient("p4", "1985-03-03", "vc1", "doc1");
        diagnosis("p4", "p4-c1", "F41.1", "2026-01-01");
        diagnosis("p4", "p4-c2", "G40.9", "2015-01-01");
        prescription("p4", "N03AE01", "clonazepam-0.5mg-tab", 150, "2026-05-01", "F41.1");
        // p5: clonazepam for anxiety without epilepsy counts; nothing done
        patient("p5", "1988-04-04", "vc1", "doc2");
        diagnosis("p5", "p5-c1", "F41.9", "2026-03-01");
        prescription("p5", "N03AE01", "clonazepam-0.5mg-tab", 150, "2026-05-20", "F41.9");
        // p6: a benzodiazepine without anxiety; p7: anxiety and benzodiazepine, but listed at another unit
        patient("p6", "1970-06-06", "vc1", "doc1");
        prescription("p6", "N05BA04", "oxazepam-10mg-tab", 25, "2026-05-01", null);
        patient("p7", "1970-07-07", "vc2", "doc9");
        diagnosis("p7", "p7-c1", "F41.1", "2026-01-01");
        prescription("p7", "N05BA04", "oxazepam-10mg-tab", 25, "2026-05-01", null);
    }

    @Test
    void an07ListsAnxietyPatientsOnBenzodiazepinesMostOpenActionsFirst() {
        anxietyPopulation();

        Worklist list = worklists.compute(WorklistKind.AN07, "vc1", null, DATE);

        // p2 and p5 have all three actions open (3); p2 first: 50 DDD / 90 days = 0.56 DDD/day against
        // p5's 150 × 0.5 mg / 8 mg = 9.375 DDD / 90 = 0.10; then p3 (2 open: no review, no plan), then p1 (0)
        assertThat(list.lines()).extracting(Worklist.Line::patientId).containsExactly("p2", "p5", "p3", "p1");
        Map<String, Worklist.Line> lines = list.byPatient();
        assertThat(lines.get("p2").openActions()).isEqualTo(3);
        assertThat(lines.get("p2").value(Column.DDD_PER_DAY)).isEqualTo(new BigDecimal("0.56"));
        assertThat(lines.get("p2").value(Column.MEDICATION_PLAN))
                .as("a draft plan does not count")
                .isNull();
        assertThat(lines.get("p5").value(Column.DRUGS)).isEqualTo("klonazepam");
        assertThat(lines.get("p3").openActions()).isEqualTo(2);
        assertThat(lines.get("p3").value(Column.TEAM_INTERVENTION)).isEqualTo("DV200 (remiss)");
        assertThat(lines.get("p3").value(Column.DDD_PER_DAY))
                .as("no product: unknown, not 0")
                .isNull();
        assertThat(lines.get("p3").palId()).isNull();
        Worklist.Line done = lines.get("p1");
        assertThat(done.openActions()).isZero();
        assertThat(done.value(Column.MEDICATION_REVIEW)).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(done.value(Column.MEDICATION_PLAN)).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(done.value(Column.TEAM_INTERVENTION)).isEqualTo("DU011");
        assertThat(done.value(Column.DIAGNOSIS)).isEqualTo("F41.1");
        // 30 × 10 mg / 50 mg = 6 DDD in the last 90 days → 0.07 DDD/day
        assertThat(done.value(Column.DDD_PER_DAY)).isEqualTo(new BigDecimal("0.07"));
        assertThat(done.palName()).isEqualTo("Anna Läkare");
        assertThat(lines).doesNotContainKeys("p4", "p6", "p7");
    }

    @Test
    void aPalSeesOnlyTheirPatientsAndNoneShowsThoseWithoutAPal() {
        anxietyPopulation();

        assertThat(worklists.compute(WorklistKind.AN07, "vc1", "doc1", DATE).lines())
                .extracting(Worklist.Line::patientId)
                .containsExactly("p1");
        assertThat(worklists
                        .compute(WorklistKind.AN07, "vc1", Worklist.NO_PAL, DATE)
                        .lines())
                .extracting(Worklist.Line::patientId)
                .containsExactly("p3");
        Worklist all = worklists.compute(WorklistKind.AN07, "vc1", null, DATE);
        // per PAL: Anna Läkare 1 patient 0 open; Bo Doktor 2 patients 6 open; no PAL 1 patient 2 open
        assertThat(all.perPal())
                .extracting(Worklist.PalCount::palName, Worklist.PalCount::patients, Worklist.PalCount::openActions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Anna Läkare", 1, 0),
                        org.assertj.core.groups.Tuple.tuple("Bo Doktor", 2, 6),
                        org.assertj.core.groups.Tuple.tuple(null, 1, 2));
    }

    @Test
    void sickLeaveListsCurrentPsychiatricEpisodesEndingSoonestFirst() {
        diagnosis("s1", "s1-c1", "F32.1", "2026-05-01");
        diagnosis("s2", "s2-c1", "F43.8A", "2026-04-01");
        diagnosis("s3", "s3-c1", "J06.9", "2026-06-01");
        diagnosis("s4", "s4-c1", "F32.1", "2026-05-01");
        patient("s1", "1991-01-01", "vc1", "doc1");
        patient("s2", "1981-01-01", "vc1", "doc1");
        patient("s3", "1991-01-01", "vc1", "doc1");
        patient("s4", "1991-01-01", "vc1", "doc1");
        // s1: certificate to 2026-07-14 = 14 days left: the follow-up is due (an open action)
        data.sickLeave.add(sickLeave("s1", "2026-05-01", "2026-07-14", "s1-c1", 100));
        data.carePlans.add(new CarePlanRow("s1", "active", LocalDate.parse("2026-05-20"), "rehab-plan"));
        procedure("s1", "DV132", "2026-05-10");
        // s2: to 2026-07-15 = 15 days left: not yet due; its rehab plan is only a draft, so it is missing
        data.sickLeave.add(sickLeave("s2", "2026-04-01", "2026-05-31", "s2-c1", 50));
        data.sickLeave.add(sickLeave("s2", "2026-06-04", "2026-07-15", "s2-c1", 25)); // 3 uncovered days: joined
        data.carePlans.add(new CarePlanRow("s2", "draft", LocalDate.parse("2026-05-01"), "rehab-plan"));
        // s3 not psychiatric; s4 ended 10 days ago (more than 7): neither is current psychiatric sick leave
        data.sickLeave.add(sickLeave("s3", "2026-06-01", "2026-07-31", "s3-c1", 100));
        data.sickLeave.add(sickLeave("s4", "2026-05-01", "2026-06-20", "s4-c1", 100));

        Worklist list = worklists.compute(WorklistKind.SICK_LEAVE, "vc1", null, DATE);

        assertThat(list.lines()).extracting(Worklist.Line::patientId).containsExactly("s1", "s2");
        Worklist.Line s1 = list.lines().get(0);
        assertThat(s1.value(Column.EPISODE_START)).isEqualTo(LocalDate.parse("2026-05-01"));
        assertThat(s1.value(Column.DAYS_SO_FAR)).isEqualTo(61); // 1 May – 30 June
        assertThat(s1.value(Column.DAYS_LEFT)).isEqualTo(14);
        assertThat(s1.value(Column.UNDER_40)).isEqualTo(true);
        assertThat(s1.value(Column.ACTIVITY_OR_FAR)).isEqualTo("DV132 2026-05-10");
        assertThat(s1.openActions())
                .as("only the follow-up before the certificate ends")
                .isEqualTo(1);
        Worklist.Line s2 = list.lines().get(1);
        assertThat(s2.value(Column.EPISODE_START)).isEqualTo(LocalDate.parse("2026-04-01"));
        assertThat(s2.value(Column.DAYS_LEFT)).isEqualTo(15);
        assertThat(s2.value(Column.EXTENT)).isEqualTo(new BigDecimal(25));
        assertThat(s2.value(Column.REHAB_PLAN))
                .as("a draft rehab plan does not count")
                .isNull();
        assertThat(s2.value(Column.UNDER_40)).isEqualTo(false);
        assertThat(s2.openActions())
                .as("rehab plan missing; 15 days left is not yet due")
                .isEqualTo(1);
    }

    @Test
    void taperingListsContinuousUseHighestDddFirstAndCountsActiveTaperingPlansPerPal() {
        data.practitioners.add(new PractitionerRow("doc1", "SE2321000065-1001", "Anna Läkare"));
        // t1: zolpidem 10 mg × 30 = 300 mg = 60 days at 0.5 DDD (5 mg) a day, every two months since January:
        // covered 1 Jan – 29 Jun without gaps, so continuous for 180 days; in the last 90 days only the May
        // prescription: 30 DDD / 90 = 0.33 DDD/day; review 2025-03-01 is older than 12 months (open), plan active
        patient("t1", "1960-01-01", "vc1", "doc1");
        for (String authored : List.of("2026-01-01", "2026-03-01", "2026-05-01")) {
            prescription("t1", "N05CF02", "zolpidem-10mg-tab", 30, authored, null);
        }
        procedure("t1", "XV015", "2025-03-01");
        data.carePlans.add(new CarePlanRow("t1", "active", LocalDate.parse("2026-01-15"), "medication-plan"));
        // t2: oxycodone 5 mg × 100 = 500 mg = 13 days at 37.5 mg a day, once, a month ago: not continuous
        patient("t2", "1960-01-01", "vc1", "doc1");
        prescription("t2", "N02AA05", "oxycodone-5mg-tab", 100, "2026-06-01", null);
        // t3: diazepam 5 mg × 100 = 500 mg = 100 days at 5 mg a day, 1 Mar and 1 Jun: continuous 121 days; in the
        // last 90 days 50 DDD / 90 = 0.56 DDD/day; no review, no plan
        patient("t3", "1960-01-01", "vc1", "doc1");
        prescription("t3", "N05BA01", "diazepam-5mg-tab", 100, "2026-03-01", null);
        prescription("t3", "N05BA01", "diazepam-5mg-tab", 100, "2026-06-01", null);

        Worklist list = worklists.compute(WorklistKind.TAPERING, "vc1", null, DATE);

        assertThat(list.lines()).extracting(Worklist.Line::patientId).containsExactly("t3", "t1");
        Worklist.Line t3 = list.lines().get(0);
        assertThat(t3.value(Column.GROUPS)).isEqualTo("Bensodiazepiner");
        assertThat(t3.value(Column.CONTINUOUS_DAYS)).isEqualTo(121);
        assertThat(t3.value(Column.DDD_PER_DAY)).isEqualTo(new BigDecimal("0.56"));
        assertThat(t3.openActions()).isEqualTo(2);
        Worklist.Line t1 = list.lines().get(1);
        assertThat(t1.value(Column.GROUPS)).isEqualTo("Z-läkemedel");
        assertThat(t1.value(Column.CONTINUOUS_DAYS)).isEqualTo(180);
        assertThat(t1.value(Column.DDD_PER_DAY)).isEqualTo(new BigDecimal("0.33"));
        assertThat(t1.value(Column.ACTIVE_TAPERING_PLAN)).isEqualTo(true);
        assertThat(t1.value(Column.MEDICATION_REVIEW)).isEqualTo(LocalDate.parse("2025-03-01"));
        assertThat(t1.openActions()).as("the last review is over 12 months old").isEqualTo(1);
        assertThat(list.perPal()).singleElement().satisfies(count -> {
            assertThat(count.palName()).isEqualTo("Anna Läkare");
            assertThat(count.activeTaperingPlans()).isEqualTo(1);
        });
    }

    @Test
    void theCsvHasTheTablesColumnsAndSaysMissingOrUnknownInsteadOfBlank() {
        anxietyPopulation();
        String csv = new WorklistCsv().write(worklists.compute(WorklistKind.AN07, "vc1", null, DATE), false);

        List<String> rows = csv.lines().toList();
        assertThat(rows.get(0))
                .startsWith("\uFEFFPersonnummer;Namn;Ålder;PAL;Diagnos;Diagnosdatum;Läkemedel")
                .endsWith("Öppna åtgärder");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1))
                .contains("F41.0")
                .contains("0,56")
                .contains("saknas")
                .endsWith(";3");
        assertThat(rows.get(3)).contains("utan PAL").contains("okänt");
    }

    private static SickLeaveRow sickLeave(String patient, String start, String end, String condition, int extent) {
        return new SickLeaveRow(
                patient, LocalDate.parse(start), LocalDate.parse(end), List.of(condition), new BigDecimal(extent));
    }
}
