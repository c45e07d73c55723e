package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.measures.core.InMemoryMeasureData;
import se.primarycare.cds.measures.core.Indicator;
import se.primarycare.cds.measures.core.IndicatorCalculator;
import se.primarycare.cds.measures.core.IndicatorVocabulary;
import se.primarycare.cds.measures.core.IndicatorVocabulary.ProductDose;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.ServiceRequestRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * A run chart reads each kind of fact once ({@link SpanMeasureData}) instead of month by month: for every
 * indicator kind and every month of a 36-month chart (and the year before each), the figures must equal those of
 * the month-by-month reads, on a random population that has patients born inside the chart and facts at every
 * edge of the windows.
 */
class SpanMeasureDataTest {

    private static final Map<String, ProductDose> PRODUCTS = Map.of(
            "oxazepam-10mg-tab", new ProductDose(new BigDecimal(10), new BigDecimal(50)),
            "zopiclone-7.5mg-tab", new ProductDose(new BigDecimal("7.5"), new BigDecimal("7.5")),
            "clonazepam-0.5mg-tab", new ProductDose(new BigDecimal("0.5"), new BigDecimal(8)));
    private static final IndicatorVocabulary VOCABULARY = new IndicatorVocabulary(
            code -> code.compareTo("F40") >= 0 && code.compareTo("F49") < 0,
            code -> code.startsWith("F"),
            atc -> atc.startsWith("N05BA"),
            atc -> atc.equals("N03AE01"),
            atc -> atc.startsWith("N05CF"),
            product -> Optional.ofNullable(PRODUCTS.get(product)),
            new IndicatorVocabulary.QueryHints(
                    List.of("N05BA", "N03AE01"), List.of("N05CF"), List.of("F4"), List.of("F"), List.of("G40")),
            "DU011"::equals,
            code -> List.of("DV131", "DV132", "DV133", "DV200").contains(code),
            code -> code.startsWith("G40"),
            code -> code.equals("XV015") || code.equals("XV016"),
            code -> List.of("DU008", "DU011", "DV200").contains(code));
    private static final List<Indicator> INDICATORS = List.of(
            Indicator.of("an07", null, null),
            Indicator.of("an07-actions", null, null),
            Indicator.of("an09", null, null),
            Indicator.of("did", "N05BA", null),
            Indicator.of("sl28", null, null),
            Indicator.of("sl14", null, null),
            Indicator.of("activity", "DU011", null),
            Indicator.of("starter-pack", "benzodiazepines", 25),
            Indicator.of("starter-pack", "z-drugs", 30),
            Indicator.of("long-term-use", null, null));

    @Test
    void everyIndicatorsRunChartFromOneReadEqualsTheMonthByMonthReads() {
        InMemoryMeasureData data = population(new SplittableRandom(20261203));
        YearMonth first = YearMonth.of(2023, 7);
        YearMonth last = YearMonth.of(2026, 6);
        for (String unit : java.util.Arrays.asList("vc1", null)) {
            IndicatorCalculator monthByMonth = new IndicatorCalculator(data, VOCABULARY);
            IndicatorCalculator oneRead =
                    new IndicatorCalculator(new SpanMeasureData(data, unit, last.atEndOfMonth()), VOCABULARY);
            for (Indicator indicator : INDICATORS) {
                for (YearMonth month = first.minusYears(1); !month.isAfter(last); month = month.plusMonths(1)) {
                    var expected = monthByMonth.evaluate(indicator, month.atDay(1), month.atEndOfMonth(), unit);
                    var actual = oneRead.evaluate(indicator, month.atDay(1), month.atEndOfMonth(), unit);
                    assertThat(actual).as(indicator + " " + month + " " + unit).isEqualTo(expected);
                }
            }
        }
    }

    private static InMemoryMeasureData population(SplittableRandom random) {
        InMemoryMeasureData data = new InMemoryMeasureData();
        LocalDate origin = LocalDate.of(2021, 1, 1);
        int days = (int) java.time.temporal.ChronoUnit.DAYS.between(origin, LocalDate.of(2026, 12, 31));
        for (int i = 0; i < 400; i++) {
            String id = "p" + i;
            // some born during the chart: they are not listed on its early months
            LocalDate birth = i % 25 == 0
                    ? LocalDate.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28))
                    : LocalDate.of(1940 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28));
            data.patients.add(new ListedPatient(
                    id, birth, random.nextBoolean() ? "male" : "female", i % 3 == 0 ? "vc2" : "vc1", null));
            if (i % 40 == 7) {
                data.inactive.add(id);
            }
            for (int d = 0; d < random.nextInt(3); d++) {
                String code =
                        List.of("F41.1", "F43.8A", "F32.1", "G40.9", "J06.9").get(random.nextInt(5));
                data.diagnoses.add(new DiagnosisRow(id, id + "-c" + d, code, origin.plusDays(random.nextInt(days))));
            }
            for (int r = 0; r < random.nextInt(6); r++) {
                String atc = List.of("N05BA04", "N05CF01", "N03AE01", "N02AA05").get(random.nextInt(4));
                String product =
                        switch (atc) {
                            case "N05BA04" -> "oxazepam-10mg-tab";
                            case "N05CF01" -> "zopiclone-7.5mg-tab";
                            case "N03AE01" -> "clonazepam-0.5mg-tab";
                            default -> null;
                        };
                data.prescriptions.add(new PrescriptionRow(
                        id,
                        id + "-m" + r,
                        random.nextInt(10) == 0 ? "draft" : "completed",
                        "order",
                        origin.plusDays(random.nextInt(days)),
                        atc,
                        product,
                        new BigDecimal(List.of(10, 25, 30, 100).get(random.nextInt(4))),
                        random.nextInt(3),
                        random.nextBoolean() ? List.of("F41.1") : List.of(),
                        List.of()));
            }
            for (int p = 0; p < random.nextInt(3); p++) {
                String code = List.of("DU011", "DV200", "XV015", "DV132").get(random.nextInt(4));
                data.procedures.add(new ProcedureRow(id, code, "completed", origin.plusDays(random.nextInt(days))));
            }
            if (random.nextInt(4) == 0) {
                LocalDate start = origin.plusDays(random.nextInt(days));
                data.sickLeave.add(
                        new SickLeaveRow(id, start, start.plusDays(10 + random.nextInt(80)), List.of(id + "-c0")));
                data.sickLeave.add(new SickLeaveRow(id, start.plusDays(95), start.plusDays(130), List.of(id + "-c0")));
            }
            if (random.nextInt(5) == 0) {
                data.carePlans.add(new CarePlanRow(
                        id,
                        List.of("active", "completed", "draft").get(random.nextInt(3)),
                        origin.plusDays(random.nextInt(days)),
                        random.nextBoolean() ? "rehab-plan" : "medication-plan"));
            }
            if (random.nextInt(6) == 0) {
                data.serviceRequests.add(
                        new ServiceRequestRow(id, "DU011", "active", origin.plusDays(random.nextInt(days))));
            }
        }
        return data;
    }
}
