package se.primarycare.cds.measures.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.measures.core.IndicatorVocabulary.ProductDose;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.ServiceRequestRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * Hand-computed fixtures for the indicators of indicators.md, each at the edges the definitions draw. Period:
 * calendar year 2025 (periodStart 2025-01-01, periodEnd 2025-12-31); the reasoning is next to each expectation.
 */
class IndicatorCalculatorTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 1);
    private static final LocalDate END = LocalDate.of(2025, 12, 31);
    private static final IndicatorVocabulary CODES = new IndicatorVocabulary(
            code -> code.compareTo("F40") >= 0 && code.compareTo("F49") < 0,
            code -> code.startsWith("F"),
            atc -> atc.startsWith("N05BA"),
            atc -> atc.equals("N03AE01"),
            atc -> atc.startsWith("N05CF"),
            product -> Map.of(
                            "oxazepam-10mg-tab", new ProductDose(new BigDecimal(10), new BigDecimal(50)),
                            "zopiclone-7.5mg-tab", new ProductDose(new BigDecimal("7.5"), new BigDecimal("7.5")),
                            "clonazepam-2mg-tab", new ProductDose(new BigDecimal(2), new BigDecimal(8)))
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().equals(product))
                    .map(Map.Entry::getValue)
                    .findFirst(),
            new IndicatorVocabulary.QueryHints(
                    List.of("N05BA", "N03AE01"), List.of("N05CF"), List.of("F4"), List.of("F"), List.of("G40")),
            "DU011"::equals,
            code -> List.of("DV131", "DV132", "DV133", "DV200").contains(code),
            code -> code.startsWith("G40"),
            code -> List.of("XV015", "XV016").contains(code),
            code -> List.of("DU008", "DU010", "DU011", "DU020", "DU022", "DV200")
                    .contains(code));
    private static final Indicator BENZO_STARTER_PACK = Indicator.of("starter-pack", "benzodiazepines", 25);

    private final InMemoryMeasureData data = new InMemoryMeasureData();
    private final IndicatorCalculator calculator = new IndicatorCalculator(data, CODES);

    private void patient(String id, String birth, String gender, String unit) {
        data.patients.add(new ListedPatient(id, LocalDate.parse(birth), gender, unit, null));
    }

    private void diagnosis(String patient, String code, String recorded) {
        data.diagnoses.add(
                new DiagnosisRow(patient, patient + "-" + code + "-" + recorded, code, LocalDate.parse(recorded)));
    }

    private void prescription(
            String patient,
            String atc,
            String product,
            int tablets,
            int repeats,
            String authored,
            String status,
            List<String> reasonCodes) {
        data.prescriptions.add(new PrescriptionRow(
                patient,
                patient + "-rx-" + data.prescriptions.size(),
                status,
                "order",
                LocalDate.parse(authored),
                atc,
                product,
                BigDecimal.valueOf(tablets),
                repeats,
                reasonCodes,
                List.of()));
    }

    @Test
    void an07CountsAnxietyIn24MonthsAndBenzodiazepinesInThePeriod() {
        // a: F41.1 recorded 2024-01-01 = first day of the 24-month window (2024-01-01..2025-12-31): in denominator;
        //    oxazepam authored 2025-06-01: numerator.
        patient("a", "1990-05-05", "female", "vc1");
        diagnosis("a", "F41.1", "2024-01-01");
        prescription("a", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-06-01", "completed", List.of());
        // b: F43.8A recorded 2023-12-31 = one day before the window: not in the denominator, even with a benzo.
        patient("b", "1950-01-01", "male", "vc1");
        diagnosis("b", "F43.8A", "2023-12-31");
        prescription("b", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-06-01", "completed", List.of());
        // c: anxiety in window, benzo only in 2024 (before periodStart) and a cancelled one in 2025: not numerator.
        patient("c", "1985-01-01", "female", "vc1");
        diagnosis("c", "F41.0", "2025-02-02");
        prescription("c", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2024-12-31", "completed", List.of());
        prescription("c", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-03-01", "cancelled", List.of());
        // d: clonazepam for anxiety (reason F41.0): counts as benzodiazepine -> numerator.
        patient("d", "1970-01-01", "male", "vc1");
        diagnosis("d", "F41.0", "2025-01-10");
        prescription("d", "N03AE01", null, 100, 0, "2025-01-10", "active", List.of("F41.0"));
        // e: clonazepam without anxiety reason: not a benzodiazepine -> denominator only.
        patient("e", "2000-01-01", "female", "vc1");
        diagnosis("e", "F41.9", "2025-01-10");
        prescription("e", "N03AE01", null, 100, 0, "2025-01-10", "active", List.of());
        // f: listed at another unit: excluded when evaluating vc1.
        patient("f", "1990-01-01", "female", "vc2");
        diagnosis("f", "F41.1", "2025-01-10");
        // g: not listed (active=false): excluded.
        patient("g", "1990-01-01", "female", "vc1");
        data.inactive.add("g");
        diagnosis("g", "F41.1", "2025-01-10");

        IndicatorResult result = calculator.evaluate(new Indicator.An07(), START, END, "vc1");

        assertThat(result.denominatorPatients()).containsExactly("a", "c", "d", "e");
        assertThat(result.numeratorPatients()).containsExactly("a", "d");
        assertThat(result.score()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.5"));
        // strata: <40 on 2025-12-31: a (35), e (25); >=40: c (40), d (55)
        assertThat(result.byAge().get("<40")).isEqualTo(new IndicatorResult.Figures(2, 1, BigDecimal.ZERO, 0));
        assertThat(result.byAge().get(">=40")).isEqualTo(new IndicatorResult.Figures(2, 1, BigDecimal.ZERO, 0));
        assertThat(result.byGender().get("female").denominator()).isEqualTo(3);
        assertThat(result.byGender().get("male").numerator()).isEqualTo(1);
        assertThat(calculator.evaluate(new Indicator.An07(), START, END, null).denominatorPatients())
                .containsExactly("a", "c", "d", "e", "f");
    }

    @Test
    void an09CountsNewAnxietyAndKbtWithin180Days() {
        // a: new anxiety 2025-03-01 (none in the 12 months before), DU011 on day 180 (2025-08-28): numerator.
        patient("a", "1990-01-01", "female", "vc1");
        diagnosis("a", "F41.1", "2025-03-01");
        data.procedures.add(new ProcedureRow("a", "DU011", "completed", LocalDate.of(2025, 8, 28)));
        // b: new anxiety 2025-03-01, DU011 on day 181 (2025-08-29): denominator only.
        patient("b", "1990-01-01", "male", "vc1");
        diagnosis("b", "F41.1", "2025-03-01");
        data.procedures.add(new ProcedureRow("b", "DU011", "completed", LocalDate.of(2025, 8, 29)));
        // c: anxiety also on 2024-04-01 (within 12 months before 2025-03-01): not new -> not in denominator.
        patient("c", "1990-01-01", "female", "vc1");
        diagnosis("c", "F41.1", "2024-04-01");
        diagnosis("c", "F41.1", "2025-03-01");
        // d: anxiety on 2024-02-28 (more than 12 months before 2025-03-01): new again; DU011 on the index day.
        patient("d", "1990-01-01", "female", "vc1");
        diagnosis("d", "F41.1", "2024-02-28");
        diagnosis("d", "F43.2", "2025-03-01");
        data.procedures.add(new ProcedureRow("d", "DU011", "completed", LocalDate.of(2025, 3, 1)));
        // e: new anxiety, DU011 planned but not completed: denominator only.
        patient("e", "1990-01-01", "female", "vc1");
        diagnosis("e", "F42.0", "2025-05-05");
        data.procedures.add(new ProcedureRow("e", "DU011", "in-progress", LocalDate.of(2025, 5, 6)));

        IndicatorResult result = calculator.evaluate(new Indicator.An09(), START, END, "vc1");

        assertThat(result.denominatorPatients()).containsExactly("a", "b", "d", "e");
        assertThat(result.numeratorPatients()).containsExactly("a", "d");
        // strata: all born 1990 (35 on 2025-12-31, < 40); b is the only man (denominator, not numerator)
        assertThat(result.byAge().get("<40")).isEqualTo(new IndicatorResult.Figures(4, 2, BigDecimal.ZERO, 0));
        assertThat(result.byAge().get(">=40")).isEqualTo(IndicatorResult.Figures.ZERO);
        assertThat(result.byGender().get("male")).isEqualTo(new IndicatorResult.Figures(1, 0, BigDecimal.ZERO, 0));
        assertThat(result.byGender().get("female")).isEqualTo(new IndicatorResult.Figures(3, 2, BigDecimal.ZERO, 0));
    }

    @Test
    void didSumsDddOfTheGroupPerThousandListedPerDay() {
        // 4 listed patients, period 365 days. a: oxazepam 10 mg × 25 × (1 + 1 repeat) = 500 mg = 10 DDD (DDD 50 mg).
        // b: oxazepam 10 mg × 100 = 1000 mg = 20 DDD. c: N05BA without product: data quality, not summed.
        // d: zopiclone (N05CF): not in N05BA. A stopped oxazepam request of b: not a prescription.
        for (String id : List.of("a", "b", "c", "d")) {
            patient(id, "1980-01-01", "female", "vc1");
        }
        prescription("a", "N05BA04", "oxazepam-10mg-tab", 25, 1, "2025-02-01", "completed", List.of());
        prescription("b", "N05BA04", "oxazepam-10mg-tab", 100, 0, "2025-12-31", "active", List.of());
        prescription("b", "N05BA04", "oxazepam-10mg-tab", 100, 0, "2025-05-01", "stopped", List.of());
        prescription("c", "N05BA01", null, 25, 0, "2025-03-01", "completed", List.of());
        prescription("d", "N05CF01", "zopiclone-7.5mg-tab", 30, 0, "2025-03-01", "completed", List.of());
        // e: listed at another unit: neither its DDD nor the patient count for vc1.
        patient("e", "1980-01-01", "male", "vc2");
        prescription("e", "N05BA04", "oxazepam-10mg-tab", 500, 0, "2025-03-01", "completed", List.of());

        IndicatorResult result = calculator.evaluate(new Indicator.Did("N05BA"), START, END, "vc1");

        assertThat(result.total().sum()).isEqualByComparingTo("30");
        assertThat(result.total().dataQuality()).isEqualTo(1);
        // 30 DDD × 1000 / (4 listed × 365 days) = 20.5479...
        assertThat(result.score()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("20.5479"));
        assertThat(result.total().denominator()).isEqualTo(4);
        // strata: all four are women aged 45 on 2025-12-31, so every listed patient and every DDD falls there
        assertThat(result.byAge().get(">=40")).isEqualTo(result.total());
        assertThat(result.byAge().get("<40")).isEqualTo(IndicatorResult.Figures.ZERO);
        assertThat(result.byGender().get("female")).isEqualTo(result.total());
        // the denominator list is every listed patient, read only when a subject list is asked for
        assertThat(result.denominatorPatients()).isEmpty();
        assertThat(calculator
                        .evaluate(new Indicator.Did("N05BA"), START, END, "vc1", true)
                        .denominatorPatients())
                .containsExactly("a", "b", "c", "d");
        // all units: + e's 100 DDD and one more listed patient: 130 × 1000 / (5 × 365) = 71.2329
        assertThat(calculator
                        .evaluate(new Indicator.Did("N05BA"), START, END, null)
                        .score())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("71.2329"));
    }

    @Test
    void sickLeaveEpisodesJoinAtFiveDaysAndNeedAPlanOrActivityInTime() {
        // a: F32.1 periods 2025-01-01..01-20 and 01-26..02-10: 5 uncovered days -> one episode of 41 days (> 28).
        //    Rehab plan created 2025-03-02 = start + 60: SL28 numerator. No activity: SL14 denominator only.
        patient("a", "1990-01-01", "female", "vc1");
        diagnosis("a", "F32.1", "2024-12-20");
        String aCondition = data.diagnoses.get(0).conditionId();
        data.sickLeave.add(
                new SickLeaveRow("a", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 20), List.of(aCondition)));
        data.sickLeave.add(new SickLeaveRow("a", LocalDate.of(2025, 1, 26), LocalDate.of(2025, 2, 10), List.of()));
        data.carePlans.add(new CarePlanRow("a", "active", LocalDate.of(2025, 3, 2), "rehab-plan"));
        // b: F43.8A periods 2025-04-01..04-20 and 04-27..05-10: 6 uncovered days -> two episodes of 20 and 14 days:
        //    > 14 only the first (20 days) -> SL14 denominator; DV200 on 2025-03-03 = start − 29: SL14 numerator.
        //    Neither is > 28: not in SL28.
        patient("b", "1990-01-01", "male", "vc1");
        diagnosis("b", "F43.8A", "2025-03-20");
        String bCondition = data.diagnoses.get(1).conditionId();
        data.sickLeave.add(
                new SickLeaveRow("b", LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 20), List.of(bCondition)));
        data.sickLeave.add(
                new SickLeaveRow("b", LocalDate.of(2025, 4, 27), LocalDate.of(2025, 5, 10), List.of(bCondition)));
        data.procedures.add(new ProcedureRow("b", "DV200", "completed", LocalDate.of(2025, 3, 3)));
        // c: J06.9 sick leave for 40 days: not psychiatric -> in neither.
        patient("c", "1990-01-01", "male", "vc1");
        diagnosis("c", "J06.9", "2025-06-01");
        String cCondition = data.diagnoses.get(2).conditionId();
        data.sickLeave.add(
                new SickLeaveRow("c", LocalDate.of(2025, 6, 1), LocalDate.of(2025, 7, 10), List.of(cCondition)));

        // d: like a, but not listed (active=false): in neither.
        patient("d", "1990-01-01", "female", "vc1");
        data.inactive.add("d");
        data.sickLeave.add(
                new SickLeaveRow("d", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1), List.of(aCondition)));
        // e: F32.1 episode 2024-10-01..2024-12-31 (92 days) ends the day before the period: does not overlap it.
        patient("e", "1990-01-01", "female", "vc1");
        diagnosis("e", "F32.1", "2024-09-20");
        String eCondition = data.diagnoses.get(3).conditionId();
        data.sickLeave.add(
                new SickLeaveRow("e", LocalDate.of(2024, 10, 1), LocalDate.of(2024, 12, 31), List.of(eCondition)));

        IndicatorResult sl28 = calculator.evaluate(new Indicator.Sl28(), START, END, "vc1");
        IndicatorResult sl14 = calculator.evaluate(new Indicator.Sl14(), START, END, "vc1");

        assertThat(sl28.denominatorPatients()).containsExactly("a");
        assertThat(sl28.numeratorPatients()).containsExactly("a");
        assertThat(sl14.denominatorPatients()).containsExactly("a", "b");
        assertThat(sl14.numeratorPatients()).containsExactly("b");
        // strata: a is a woman, b a man, both 35 (< 40: the "young adults")
        assertThat(sl28.byGender().get("female")).isEqualTo(new IndicatorResult.Figures(1, 1, BigDecimal.ZERO, 0));
        assertThat(sl14.byGender().get("male")).isEqualTo(new IndicatorResult.Figures(1, 1, BigDecimal.ZERO, 0));
        assertThat(sl14.byGender().get("female")).isEqualTo(new IndicatorResult.Figures(1, 0, BigDecimal.ZERO, 0));
        assertThat(sl14.byAge().get("<40")).isEqualTo(sl14.total());
    }

    @Test
    void starterPackShareCountsNewPrescriptionsWithRepeats() {
        // a: new oxazepam 25 × (1 + 0) = 25: within. b: new 25 × (1 + 1) = 50: not within.
        // c: oxazepam 2024-03-01 then 2025-02-01 (within 365 days): the 2025 one is not new -> not counted.
        // d: two on the same day, both new: 20 (within) and 100 (not).
        for (String id : List.of("a", "b", "c", "d")) {
            patient(id, "1980-01-01", "female", "vc1");
        }
        prescription("a", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-02-01", "completed", List.of());
        prescription("b", "N05BA04", "oxazepam-10mg-tab", 25, 1, "2025-02-01", "completed", List.of());
        prescription("c", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2024-03-01", "completed", List.of());
        prescription("c", "N05BA04", "oxazepam-10mg-tab", 100, 0, "2025-02-01", "completed", List.of());
        prescription("d", "N05BA04", "oxazepam-10mg-tab", 20, 0, "2025-05-05", "completed", List.of());
        prescription("d", "N05BA04", "oxazepam-10mg-tab", 100, 0, "2025-05-05", "completed", List.of());

        // e: listed at another unit: not counted for vc1.
        patient("e", "1980-01-01", "female", "vc2");
        prescription("e", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-05-05", "completed", List.of());

        IndicatorResult result = calculator.evaluate(BENZO_STARTER_PACK, START, END, "vc1");

        assertThat(result.total().denominator()).isEqualTo(4);
        assertThat(result.total().numerator()).isEqualTo(2);
        // strata count prescriptions: all four women are 45 (>= 40), so every prescription falls there
        assertThat(result.byAge().get(">=40")).isEqualTo(result.total());
        assertThat(result.byGender().get("female")).isEqualTo(result.total());
        assertThat(result.byGender().get("male")).isEqualTo(IndicatorResult.Figures.ZERO);
    }

    @Test
    void longTermUseIsHalfADddADayOverTwelveMonths() {
        // a: oxazepam 10 mg × 100 × (1 + 8 repeats) = 9000 mg = 180 DDD < 182.5: denominator only.
        // b: same with 9 repeats = 10000 mg = 200 DDD >= 182.5: numerator.
        patient("a", "1960-01-01", "female", "vc1");
        patient("b", "1960-01-01", "male", "vc1");
        prescription("a", "N05BA04", "oxazepam-10mg-tab", 100, 8, "2025-01-05", "completed", List.of());
        prescription("b", "N05BA04", "oxazepam-10mg-tab", 100, 9, "2025-01-05", "completed", List.of());

        // c: zopiclone 7.5 mg × 30 × (1 + 6) = 1575 mg = 210 DDD (DDD 7.5 mg): z-drugs count too -> numerator.
        patient("c", "1960-01-01", "female", "vc1");
        prescription("c", "N05CF01", "zopiclone-7.5mg-tab", 30, 6, "2025-06-01", "completed", List.of());
        // d: clonazepam without an anxiety reason is not a benzodiazepine here: not in the denominator.
        patient("d", "1960-01-01", "female", "vc1");
        prescription("d", "N03AE01", null, 150, 3, "2025-06-01", "completed", List.of());
        // e: oxazepam on 2024-12-31, the day before the 12 months: not in the denominator.
        patient("e", "1960-01-01", "female", "vc1");
        prescription("e", "N05BA04", "oxazepam-10mg-tab", 100, 9, "2024-12-31", "completed", List.of());

        IndicatorResult result = calculator.evaluate(new Indicator.LongTermUse(), START, END, null);

        assertThat(result.denominatorPatients()).containsExactly("a", "b", "c");
        assertThat(result.numeratorPatients()).containsExactly("b", "c");
        assertThat(result.byGender().get("female")).isEqualTo(new IndicatorResult.Figures(2, 1, BigDecimal.ZERO, 0));
    }

    @Test
    void activityCountsCompletedProceduresOfListedPatients() {
        patient("a", "1990-01-01", "female", "vc1");
        patient("b", "1990-01-01", "female", "vc2");
        data.procedures.add(new ProcedureRow("a", "DV200", "completed", LocalDate.of(2025, 1, 1)));
        data.procedures.add(new ProcedureRow("a", "DV200", "completed", LocalDate.of(2025, 12, 31)));
        data.procedures.add(new ProcedureRow("a", "DV200", "completed", LocalDate.of(2026, 1, 1)));
        data.procedures.add(new ProcedureRow("a", "DV132", "completed", LocalDate.of(2025, 6, 1)));
        data.procedures.add(new ProcedureRow("b", "DV200", "completed", LocalDate.of(2025, 6, 1)));
        patient("c", "1990-01-01", "male", "vc1");
        data.procedures.add(new ProcedureRow("c", "DV200", "in-progress", LocalDate.of(2025, 6, 1)));
        patient("d", "1990-01-01", "male", "vc1");
        data.inactive.add("d");
        data.procedures.add(new ProcedureRow("d", "DV200", "completed", LocalDate.of(2025, 6, 1)));
        patient("e", "2010-01-01", "female", "vc1");
        data.procedures.add(new ProcedureRow("e", "DV200", "completed", LocalDate.of(2025, 6, 1)));

        // vc1: a's two DV200 in 2025 (not the one of 2026-01-01) + e's one; c's is not completed, d is not listed
        IndicatorResult vc1 = calculator.evaluate(new Indicator.Activity("DV200"), START, END, "vc1");
        assertThat(vc1.score()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3"));
        assertThat(vc1.byAge().get("<40").numerator()).isEqualTo(3);
        assertThat(vc1.byGender().get("female").numerator()).isEqualTo(3);
        // denominator: listed patients of vc1 per stratum (a, c, e; not d), whether or not they had an activity
        assertThat(vc1.total().denominator()).isEqualTo(3);
        assertThat(vc1.byGender().get("male")).isEqualTo(new IndicatorResult.Figures(1, 0, BigDecimal.ZERO, 0));
        assertThat(vc1.byAge().get("<40").denominator()).isEqualTo(3);
        assertThat(calculator
                        .evaluate(new Indicator.Activity("DV200"), START, END, null)
                        .score())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("4"));
    }

    @Test
    void sl28CountsOnlyActiveOrCompletedRehabPlans() {
        // every patient: F32.1 sick leave 2025-01-01..2025-03-01 (60 days > 28); a plan created 2025-01-10 (start + 9)
        // a: active rehab plan, b: completed: numerator. c: draft (a CDS proposal), d: revoked, e: entered-in-error:
        // not plans (indicators.md v2). f: an active plan, but a medication plan, not a rehab plan.
        List<String> statuses = List.of("active", "completed", "draft", "revoked", "entered-in-error", "active");
        for (int i = 0; i < statuses.size(); i++) {
            String id = String.valueOf((char) ('a' + i));
            patient(id, "1990-01-01", "female", "vc1");
            diagnosis(id, "F32.1", "2024-12-20");
            String condition = data.diagnoses.get(i).conditionId();
            data.sickLeave.add(
                    new SickLeaveRow(id, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1), List.of(condition)));
            carePlan(id, statuses.get(i), "2025-01-10", id.equals("f") ? "medication-plan" : "rehab-plan");
        }

        IndicatorResult sl28 = calculator.evaluate(new Indicator.Sl28(), START, END, "vc1");

        assertThat(sl28.denominatorPatients()).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(sl28.numeratorPatients()).containsExactly("a", "b");
        // 2 of 6
        assertThat(sl28.score()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.3333"));
    }

    @Test
    void aProportionWithoutDenominatorHasNoScoreInTotalOrStratum() {
        // vc1: a (woman, 35) has anxiety and oxazepam; b (man, 35) is listed but has no anxiety. Ån07: 1 of 1.
        patient("a", "1990-01-01", "female", "vc1");
        diagnosis("a", "F41.1", "2025-02-01");
        prescription("a", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-06-01", "completed", List.of());
        patient("b", "1990-01-01", "male", "vc1");

        IndicatorResult an07 = calculator.evaluate(new Indicator.An07(), START, END, "vc1");

        assertThat(an07.score()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
        // no men, no one aged 40 or more, no 'other' in the denominator: no score (absent, not 0 %)
        assertThat(an07.score(an07.byGender().get("male"))).isEmpty();
        assertThat(an07.score(an07.byGender().get("other"))).isEmpty();
        assertThat(an07.score(an07.byAge().get(">=40"))).isEmpty();
        assertThat(an07.score(an07.byAge().get("<40")))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
        // a unit with nobody in the denominator: no score for the whole population either
        assertThat(calculator
                        .evaluate(new Indicator.An07(), START, END, "vc-empty")
                        .score())
                .isEmpty();
        // a ratio without listed patients is not defined either; a count of nothing is 0
        assertThat(calculator
                        .evaluate(new Indicator.Did("N05BA"), START, END, "vc-empty")
                        .score())
                .isEmpty();
        assertThat(calculator
                        .evaluate(new Indicator.Activity("DV200"), START, END, "vc-empty")
                        .score())
                .hasValueSatisfying(v -> assertThat(v).isZero());
    }

    @Test
    void clonazepamIsNeverABenzodiazepineForAPatientWithEpilepsy() {
        // a, b, d: anxiety and clonazepam 2 mg × 100 × (1 + 9 repeats) = 2000 mg = 250 DDD (DDD 8 mg), reason F41.1.
        // a: also G40.9 (2020): an antiepileptic here, in no indicator. b: no epilepsy: a benzodiazepine.
        // d: G40.1 recorded after the period (2026-02-01): epilepsy whatever the diagnosis's date, so not counted.
        // c: G40.9 and oxazepam 25 for anxiety: oxazepam is a benzodiazepine whatever the other diagnoses.
        for (String id : List.of("a", "b", "c", "d")) {
            patient(id, "1970-01-01", "female", "vc1");
            diagnosis(id, "F41.1", "2025-01-10");
        }
        diagnosis("a", "G40.9", "2020-05-05");
        diagnosis("c", "G40.9", "2020-05-05");
        diagnosis("d", "G40.1", "2026-02-01");
        for (String id : List.of("a", "b", "d")) {
            prescription(id, "N03AE01", "clonazepam-2mg-tab", 100, 9, "2025-02-01", "active", List.of("F41.1"));
        }
        prescription("c", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-03-01", "completed", List.of());

        IndicatorResult an07 = calculator.evaluate(new Indicator.An07(), START, END, "vc1");
        assertThat(an07.denominatorPatients()).containsExactly("a", "b", "c", "d");
        assertThat(an07.numeratorPatients()).containsExactly("b", "c");

        // starter pack: new benzodiazepine prescriptions are b's clonazepam (1000 tablets: not within 25) and c's
        // oxazepam (25: within); a's and d's clonazepam are not benzodiazepines
        IndicatorResult starter = calculator.evaluate(BENZO_STARTER_PACK, START, END, "vc1");
        assertThat(starter.total().denominator()).isEqualTo(2);
        assertThat(starter.total().numerator()).isEqualTo(1);

        // long-term use: b 250 DDD >= 182.5 (numerator), c 25 × 10 mg / 50 mg = 5 DDD; a and d not users at all
        IndicatorResult longTerm = calculator.evaluate(new Indicator.LongTermUse(), START, END, "vc1");
        assertThat(longTerm.denominatorPatients()).containsExactly("b", "c");
        assertThat(longTerm.numeratorPatients()).containsExactly("b");
    }

    @Test
    void an07ActionsNeedReviewPlanAndTeamInterventionWithinTwelveMonths() {
        // Ån07 numerator of 2025: anxiety 2025-01-05 and oxazepam 2025-02-01. The 12 months ending periodEnd are
        // 2025-01-01..2025-12-31.
        for (String id : List.of("a", "b", "c", "d", "e", "f")) {
            patient(
                    id,
                    id.equals("a") ? "1990-01-01" : "1960-01-01",
                    List.of("b", "d").contains(id) ? "male" : "female",
                    "vc1");
            diagnosis(id, "F41.1", "2025-01-05");
            if (!id.equals("f")) {
                prescription(id, "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-02-01", "completed", List.of());
            }
        }
        // a: XV015 completed, active medication plan, completed KBT (DU011) Procedure: all three.
        procedure("a", "XV015", "completed", "2025-03-01");
        carePlan("a", "active", "2025-03-02", "medication-plan");
        procedure("a", "DU011", "completed", "2025-04-01");
        // b: XV016 on the window's first day, a completed plan on its last, an active FaR (DV200) referral: all three.
        procedure("b", "XV016", "completed", "2025-01-01");
        carePlan("b", "completed", "2025-12-31", "medication-plan");
        serviceRequest("b", "DV200", "active", "2025-06-01");
        // c: review the day before the window (2024-12-31); plan; completed psychodynamic therapy referral (DU008).
        procedure("c", "XV015", "completed", "2024-12-31");
        carePlan("c", "active", "2025-05-01", "medication-plan");
        serviceRequest("c", "DU008", "completed", "2025-05-01");
        // d: review in progress, draft plan, draft KBT referral (CDS proposals), activity advice DV131 (not a team
        //    intervention), a rehab plan (not a medication plan): none of the three.
        procedure("d", "XV015", "in-progress", "2025-03-01");
        carePlan("d", "draft", "2025-03-01", "medication-plan");
        carePlan("d", "active", "2025-03-01", "rehab-plan");
        serviceRequest("d", "DU011", "draft", "2025-03-01");
        procedure("d", "DV131", "completed", "2025-03-01");
        // e: review and plan; FaR follow-up AW005 (not DV200) and an IPT (DU022) entered in error: no team part.
        procedure("e", "XV015", "completed", "2025-06-01");
        carePlan("e", "active", "2025-06-01", "medication-plan");
        serviceRequest("e", "AW005", "active", "2025-06-01");
        procedure("e", "DU022", "entered-in-error", "2025-06-01");
        // f: all three, but no benzodiazepine: not in Ån07's numerator, so in no population here.
        procedure("f", "XV015", "completed", "2025-06-01");
        carePlan("f", "active", "2025-06-01", "medication-plan");
        procedure("f", "DU011", "completed", "2025-06-01");
        // g: all three and in Ån07's numerator, but listed at vc2.
        patient("g", "1960-01-01", "female", "vc2");
        diagnosis("g", "F41.1", "2025-01-05");
        prescription("g", "N05BA04", "oxazepam-10mg-tab", 25, 0, "2025-02-01", "completed", List.of());
        procedure("g", "XV015", "completed", "2025-06-01");
        carePlan("g", "active", "2025-06-01", "medication-plan");
        procedure("g", "DU011", "completed", "2025-06-01");

        Indicator actions = Indicator.of("an07-actions", null, null);
        IndicatorResult result = calculator.evaluate(actions, START, END, "vc1");

        assertThat(result.denominatorPatients()).containsExactly("a", "b", "c", "d", "e");
        assertThat(result.numeratorPatients()).containsExactly("a", "b");
        assertThat(result.score()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.4"));
        assertThat(result.parts())
                .extracting(IndicatorResult.Part::code)
                .containsExactly("medication-review", "medication-plan", "team-intervention");
        IndicatorResult.Part review = result.parts().get(0);
        IndicatorResult.Part plan = result.parts().get(1);
        IndicatorResult.Part team = result.parts().get(2);
        assertThat(review.numeratorPatients()).containsExactly("a", "b", "e");
        assertThat(plan.numeratorPatients()).containsExactly("a", "b", "c", "e");
        assertThat(team.numeratorPatients()).containsExactly("a", "b", "c");
        // every part has Ån07's denominator: 5; review 3 of 5
        assertThat(review.total()).isEqualTo(new IndicatorResult.Figures(5, 3, BigDecimal.ZERO, 0));
        assertThat(result.score(review.total()))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.6"));
        // strata: women a, c, e (a is 35, < 40); men b, d
        assertThat(review.byGender().get("female")).isEqualTo(new IndicatorResult.Figures(3, 2, BigDecimal.ZERO, 0));
        assertThat(team.byGender().get("male")).isEqualTo(new IndicatorResult.Figures(2, 1, BigDecimal.ZERO, 0));
        assertThat(plan.byAge().get("<40")).isEqualTo(new IndicatorResult.Figures(1, 1, BigDecimal.ZERO, 0));
        assertThat(result.byAge().get(">=40")).isEqualTo(new IndicatorResult.Figures(4, 1, BigDecimal.ZERO, 0));
        // all units: g joins the denominator and all three parts
        IndicatorResult all = calculator.evaluate(actions, START, END, null);
        assertThat(all.numeratorPatients()).containsExactly("a", "b", "g");
        assertThat(all.parts().get(0).numeratorPatients()).containsExactly("a", "b", "e", "g");
    }

    @Test
    void everyKindIsATypeWithItsScoringAndPopulations() {
        assertThat(Indicator.KINDS)
                .containsExactly(
                        "an07",
                        "an07-actions",
                        "an09",
                        "did",
                        "sl28",
                        "sl14",
                        "activity",
                        "starter-pack",
                        "long-term-use");
        assertThat(Indicator.of("did", "N05BA", null)).isEqualTo(new Indicator.Did("N05BA"));
        assertThat(Indicator.of("did", "N05BA", null).scoring()).isEqualTo(Scoring.DDD_PER_1000_PER_DAY);
        assertThat(Indicator.of("activity", "DV200", null).scoring().numeratorPopulation())
                .isEqualTo("measure-population");
        assertThat(Indicator.of("an07", null, null).scoring().code()).isEqualTo("proportion");
        assertThat(Indicator.of("activity", "DV200", null).wholePopulation()).isTrue();
        assertThat(Indicator.of("sl28", null, null).wholePopulation()).isFalse();
        assertThat(BENZO_STARTER_PACK).isEqualTo(new Indicator.StarterPack(Indicator.DrugGroup.BENZODIAZEPINES, 25));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Indicator.of("an08", null, null))
                .hasMessageContaining("an08");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Indicator.of("did", null, null))
                .hasMessageContaining("needs a code");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Indicator.of("starter-pack", "opioids", 25))
                .hasMessageContaining("opioids");
    }

    private void procedure(String patient, String code, String status, String performed) {
        data.procedures.add(new ProcedureRow(patient, code, status, LocalDate.parse(performed)));
    }

    private void carePlan(String patient, String status, String created, String category) {
        data.carePlans.add(new CarePlanRow(patient, status, LocalDate.parse(created), category));
    }

    private void serviceRequest(String patient, String code, String status, String authored) {
        data.serviceRequests.add(new ServiceRequestRow(patient, code, status, LocalDate.parse(authored)));
    }
}
