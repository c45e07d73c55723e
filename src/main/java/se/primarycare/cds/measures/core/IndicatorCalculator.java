package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.primarycare.cds.measures.core.Indicator.PerPatient;
import se.primarycare.cds.measures.core.IndicatorResult.Figures;
import se.primarycare.cds.measures.core.IndicatorResult.Part;
import se.primarycare.cds.measures.core.MeasureFacts.ListedCount;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;

/**
 * Computes the indicators of {@code indicators.md} from the rows of a {@link MeasureDataPort}: each
 * {@link Indicator} computes its per-patient figures, and this sums those of listed patients by stratum. Pure: no
 * FHIR, no SQL, no clock; dates come from the period.
 */
public final class IndicatorCalculator {

    private final MeasureDataPort data;
    private final IndicatorVocabulary codes;

    public IndicatorCalculator(MeasureDataPort data, IndicatorVocabulary codes) {
        this.data = data;
        this.codes = codes;
    }

    /** The summary: figures per population and stratum, numerator patients, no denominator list for DID/activity. */
    public IndicatorResult evaluate(Indicator indicator, LocalDate start, LocalDate end, String unit) {
        return evaluate(indicator, start, end, unit, false);
    }

    /**
     * @param unit the unit (Organization id), or null for all units
     * @param subjects also list every denominator patient (for DID and activity counts: every listed patient,
     *     which is only read when asked for)
     */
    public IndicatorResult evaluate(
            Indicator indicator, LocalDate start, LocalDate end, String unit, boolean subjects) {
        PerPatient computed = indicator.compute(new Evaluation(data, codes, start, end, unit));
        return aggregate(indicator, computed, start, end, unit, subjects);
    }

    /**
     * Sums the per-patient figures of listed patients by stratum. For whole-population indicators the listed
     * patients are added as grouped counts from the database rather than loaded one by one.
     */
    private IndicatorResult aggregate(
            Indicator indicator, PerPatient computed, LocalDate start, LocalDate end, String unit, boolean subjects) {
        Map<String, Figures> perPatient = computed.figures();
        Strata strata = new Strata();
        Map<String, Strata> partStrata = new LinkedHashMap<>();
        Map<String, List<String>> partNumerators = new LinkedHashMap<>();
        for (String part : indicator.parts()) {
            partStrata.put(part, new Strata());
            partNumerators.put(part, new ArrayList<>());
        }
        List<String> numerator = new ArrayList<>();
        List<String> denominator = new ArrayList<>();
        for (ListedPatient patient : data.listedAmong(unit, end, perPatient.keySet())) {
            Figures figures = perPatient.get(patient.id());
            String age = AgeStratum.of(patient.birthDate(), end);
            strata.add(age, patient.gender(), figures);
            if (figures.denominator() > 0) {
                denominator.add(patient.id());
            }
            if (figures.numerator() > 0) {
                numerator.add(patient.id());
            }
            partStrata.forEach((part, sums) -> {
                boolean met = computed.parts().getOrDefault(part, Set.of()).contains(patient.id());
                sums.add(age, patient.gender(), new Figures(figures.denominator(), met ? 1 : 0, BigDecimal.ZERO, 0));
                if (met) {
                    partNumerators.get(part).add(patient.id());
                }
            });
        }
        if (indicator.wholePopulation()) {
            for (ListedCount count : data.listedCounts(unit, end)) {
                strata.add(count.ageStratum(), count.gender(), new Figures(count.count(), 0, BigDecimal.ZERO, 0));
            }
            denominator = subjects ? new ArrayList<>(data.listedIds(unit, end)) : new ArrayList<>();
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        numerator.sort(String::compareTo);
        denominator.sort(String::compareTo);
        List<Part> parts = new ArrayList<>();
        partStrata.forEach((part, sums) -> {
            List<String> met = partNumerators.get(part);
            met.sort(String::compareTo);
            parts.add(new Part(part, sums.total, sums.byAge, sums.byGender, met));
        });
        return new IndicatorResult(
                indicator, strata.total, strata.byAge, strata.byGender, days, numerator, denominator, parts);
    }

    /** Running sums for the whole population and each age and gender stratum. */
    private static final class Strata {
        Figures total = Figures.ZERO;
        final Map<String, Figures> byAge = new LinkedHashMap<>();
        final Map<String, Figures> byGender = new LinkedHashMap<>();

        Strata() {
            IndicatorResult.AGE_STRATA.forEach(s -> byAge.put(s, Figures.ZERO));
            IndicatorResult.GENDER_STRATA.forEach(s -> byGender.put(s, Figures.ZERO));
        }

        void add(String age, String gender, Figures figures) {
            total = total.plus(figures);
            if (age != null) {
                byAge.merge(age, figures, Figures::plus);
            }
            byGender.merge(gender != null && byGender.containsKey(gender) ? gender : "unknown", figures, Figures::plus);
        }
    }
}
