package se.primarycare.cds.measures;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * Times indicator evaluations ({@code measures.evaluation}, docs/metrics.md) per Measure and operation. Only
 * Measures of the catalogue are timed, so the {@code measure} tag stays the catalogue's bounded set of ids.
 */
public final class EvaluationTimer {

    static final String EVALUATE_MEASURE = "evaluate-measure";
    static final String RUN_CHART = "run-chart";

    private final MeterRegistry registry;

    public EvaluationTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T time(MeasureCatalogue.Entry measure, String operation, Supplier<T> evaluation) {
        return Timer.builder("measures.evaluation")
                .description("Indicator evaluations ($evaluate-measure, $run-chart), by Measure id")
                .tag("measure", measure.id())
                .tag("operation", operation)
                .register(registry)
                .record(evaluation);
    }
}
