package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import se.primarycare.cds.measures.core.IndicatorResult.Figures;

/**
 * How an indicator's figures become its score, with the FHIR codes it is reported under (after clinical-reasoning's
 * {@code MeasureScoring} and {@code MeasureScoreCalculator}). A score that is not defined is absent, never 0:
 * a proportion without a denominator, or DDD per 1000 listed without listed patients (indicators.md, version 2).
 */
public enum Scoring {

    /** numerator / denominator (patients; prescriptions for the starter packs), 4 decimals. */
    PROPORTION("proportion", "denominator", "numerator") {
        @Override
        public Optional<BigDecimal> score(Figures figures, long days) {
            if (figures.denominator() == 0) {
                return Optional.empty();
            }
            return Optional.of(BigDecimal.valueOf(figures.numerator())
                    .divide(BigDecimal.valueOf(figures.denominator()), 4, RoundingMode.HALF_UP));
        }
    },

    /** DDD per 1000 listed per day: Σ DDD × 1000 / (listed × days), 4 decimals. */
    DDD_PER_1000_PER_DAY("ratio", "denominator", "numerator") {
        @Override
        public Optional<BigDecimal> score(Figures figures, long days) {
            if (figures.denominator() == 0 || days <= 0) {
                return Optional.empty();
            }
            return Optional.of(figures.sum()
                    .multiply(BigDecimal.valueOf(1000))
                    .divide(BigDecimal.valueOf(figures.denominator() * days), 4, RoundingMode.HALF_UP));
        }
    },

    /** A count of events (the numerator), reported against the listed patients; 0 is a count like any other. */
    COUNT("cohort", "initial-population", "measure-population") {
        @Override
        public Optional<BigDecimal> score(Figures figures, long days) {
            return Optional.of(BigDecimal.valueOf(figures.numerator()));
        }
    };

    private final String code;
    private final String denominatorPopulation;
    private final String numeratorPopulation;

    Scoring(String code, String denominatorPopulation, String numeratorPopulation) {
        this.code = code;
        this.denominatorPopulation = denominatorPopulation;
        this.numeratorPopulation = numeratorPopulation;
    }

    /** The score of one population or stratum over a period of {@code days} days; empty when undefined. */
    public abstract Optional<BigDecimal> score(Figures figures, long days);

    /** The Measure's {@code scoring} (http://terminology.hl7.org/CodeSystem/measure-scoring). */
    public String code() {
        return code;
    }

    /** The measure-population code the denominator figures are reported under. */
    public String denominatorPopulation() {
        return denominatorPopulation;
    }

    /** The measure-population code the numerator figures are reported under. */
    public String numeratorPopulation() {
        return numeratorPopulation;
    }
}
