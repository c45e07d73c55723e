package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * An indicator's figures for one period and unit: the whole population and each stratum (age &lt; 40 / ≥ 40 on
 * periodEnd, and gender). For proportions {@code numerator}/{@code denominator} are patients (prescriptions for
 * starter-pack); for DID {@code sum} is the DDDs and {@code denominator} the listed patients; for activity
 * counts {@code numerator} is the number of procedures.
 */
public record IndicatorResult(
        IndicatorSpec spec,
        Figures total,
        Map<String, Figures> byAge,
        Map<String, Figures> byGender,
        long days,
        List<String> numeratorPatients,
        List<String> denominatorPatients) {

    public static final List<String> AGE_STRATA = List.of(AgeStratum.YOUNG, AgeStratum.OLDER);
    public static final List<String> GENDER_STRATA = List.of("male", "female", "other", "unknown");

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

    /** The indicator's value: a proportion, DDD per 1000 listed per day, or a count. */
    public static BigDecimal score(String kind, Figures figures, long days) {
        return switch (kind) {
            case "did" ->
                figures.denominator() == 0 || days == 0
                        ? BigDecimal.ZERO
                        : figures.sum()
                                .multiply(BigDecimal.valueOf(1000))
                                .divide(BigDecimal.valueOf(figures.denominator() * days), 4, RoundingMode.HALF_UP);
            case "activity" -> BigDecimal.valueOf(figures.numerator());
            default ->
                figures.denominator() == 0
                        ? BigDecimal.ZERO
                        : BigDecimal.valueOf(figures.numerator())
                                .divide(BigDecimal.valueOf(figures.denominator()), 4, RoundingMode.HALF_UP);
        };
    }

    public BigDecimal score() {
        return score(spec.kind(), total, days);
    }
}
