package se.primarycare.cds.hooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.HttpStatusCode;

/**
 * The CDS service's meters (docs/metrics.md): call latency per service, cards per rule and feedback per rule.
 * Every tag value comes from a closed set (service ids and rule ids of the loaded files, the card indicators,
 * the feedback outcomes, HTTP status codes); nothing from the request body, and never a patient.
 */
public final class CdsMetrics {

    /** What an unknown card's feedback is counted under: the rule is not known for a card we never showed. */
    static final String UNKNOWN_RULE = "unknown";

    private final MeterRegistry registry;

    public CdsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** One call of a known service, with the status the client got (an exception's status, or 200). */
    public void called(Timer.Sample sample, String serviceId, HttpStatusCode status) {
        sample.stop(Timer.builder("cds.hook.requests")
                .description("CDS Hooks service calls, from request to response")
                .tag("service", serviceId)
                .tag("status", Integer.toString(status.value()))
                .tag("outcome", outcome(status))
                // percentiles across instances and services are computed in Prometheus from the buckets
                .publishPercentileHistogram()
                .register(registry));
    }

    /**
     * Cards as shown, each counted once, for its own rule: advice the alert budget merged into another rule's card
     * is not a card of its own (the feedback summary, {@code /cds-feedback/summary}, counts it as merged).
     */
    public void shown(List<CardLog.Shown> cards) {
        for (CardLog.Shown shown : cards) {
            Counter.builder("cds.cards")
                    .description("Cards shown, by the rule whose card it is and its indicator")
                    .tag("rule", shown.rules().get(0))
                    .tag("indicator", shown.card().card().path("indicator").asText("unknown"))
                    .register(registry)
                    .increment();
        }
    }

    /** Told how long each call's shown cards waited from the response to their row in the card log. */
    public Consumer<Duration> cardLogLag() {
        Timer lag = Timer.builder("cds.card.log.lag")
                .description("Time from a call's cards shown to their card-log rows written")
                .register(registry);
        return lag::record;
    }

    /** One feedback entry: {@code accepted} or {@code overridden}, for the rule whose card it was. */
    public void feedback(String ruleId, String outcome) {
        Counter.builder("cds.feedback")
                .description("Feedback on cards, by the rule whose card it was and the clinician's outcome")
                .tag("rule", ruleId)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static String outcome(HttpStatusCode status) {
        if (status.is5xxServerError()) {
            return "server_error";
        }
        return status.is4xxClientError() ? "client_error" : "success";
    }
}
