package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An indicator's figures for one period and unit: the whole population and each stratum (age &lt; 40 / ≥ 40 on
 * periodEnd, and gender), and the same for each of its parts. For proportions {@code numerator}/{@code
 * denominator} are patients (prescriptions for starter-pack); for DID {@code sum} is the DDDs and {@code
 * denominator} the listed patients; for activity counts {@code numerator} is the number of procedures.
 *
 * @param parts the indicator's parts in {@link Indicator#parts()} order, over the same denominator (none for most)
 */
public record IndicatorResult(
        Indicator indicator,
        Figures total,
        Map<String, Figures> byAge,
        Map<String, Figures> byGender,
        long days,
        List<String> numeratorPatients,
        List<String> denominatorPatients,
        List<Part> parts) {

    public static final List<String> AGE_STRATA = List.of(AgeStratum.YOUNG, AgeStratum.OLDER);
    public static final List<String> GENDER_STRATA = List.of("male", "female", "other", "unknown");

    public IndicatorResult {
        parts = List.copyOf(parts);
    }

    /** Counts of one population or stratum. {@code dataQuality}: prescriptions left out of DDD sums. */
    public record Figures(long denominator, long numerator, BigDecimal sum, long dataQuality) {

        public static final Figures ZERO = new Figures(0, 0, BigDecimal.ZERO, 0);

        Figures plus(Figures other) {
            return new Figures(
                    denominator + other.denominator,
                    numerator + other.numerator,
                    sum.add(other.sum),
                    dataQuality + other.dataQuality);
        }
    }

    /**
     * One part of an indicator (e.g. Ån07-åtgärder's medication review): the indicator's denominator, and as
     * numerator the patients who meet the part.
     */
    public record Part(
            String code,
            Figures total,
            Map<String, Figures> byAge,
            Map<String, Figures> byGender,
            List<String> numeratorPatients) {}

    /** The indicator's value for the whole population: empty when it is not defined (no denominator). */
    public Optional<BigDecimal> score() {
        return score(total);
    }

    /** The value of one population or stratum of this result, by the indicator's scoring. */
    public Optional<BigDecimal> score(Figures figures) {
        return indicator.scoring().score(figures, days);
    }
}
