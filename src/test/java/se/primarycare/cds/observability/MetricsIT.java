package se.primarycare.cds.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.CdsHttp;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.PrometheusText;

/**
 * Issue 12: what Prometheus scrapes from {@code /actuator/prometheus} (without a token) after a CDS call, its
 * feedback, FHIR writes and indicator evaluations. Counts are compared with a scrape taken before, since the
 * context (and its meters) is shared with the other integration tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

    private static final String PERIOD = "periodStart=2025-01-01&periodEnd=2025-12-31";

    @LocalServerPort
    int port;

    CdsHttp http;
    String service;
    PrometheusText before;
    PrometheusText after;
    Map<List<String>, Integer> cardsShown = new HashMap<>();
    String overriddenRule;

    @BeforeAll
    void callEverythingOnce() {
        http = new CdsHttp(port);
        FhirHttp fhir = new FhirHttp(port);
        before = scrape();

        CdsFixture fixture = CdsFixture.all().stream()
                .filter(f -> f.name().equals("benzo-anxiety/fires-active-anxiety-oxazepam.json"))
                .findFirst()
                .orElseThrow();
        service = fixture.service();
        CdsHttp.Response call = http.post("/cds-services/" + service, fixture.request());
        assertThat(call.status()).as(call.body()).isEqualTo(200);
        JsonNode cards = call.json().get("cards");
        assertThat(cards).isNotEmpty();
        cards.forEach(card -> cardsShown.merge(
                List.of(
                        card.path("source").path("topic").path("code").asText(),
                        card.path("indicator").asText()),
                1,
                Integer::sum));
        assertThat(http.post("/cds-services/" + service, "{not json", Map.of()).status())
                .isEqualTo(400);

        JsonNode card = cards.get(0);
        overriddenRule = card.path("source").path("topic").path("code").asText();
        String feedback = "{\"feedback\":[{\"card\":\"" + card.get("uuid").asText()
                + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-12-03T10:00:00Z\"}]}";
        assertThat(http.post("/cds-services/" + service + "/feedback", feedback, Map.of())
                        .status())
                .isEqualTo(200);

        String unit = "vc-obs-" + UUID.randomUUID().toString().substring(0, 8);
        fhir.putUnit(unit, "Vårdcentralen Mätning");
        fhir.putUnit(unit, "Vårdcentralen Mätning och Uppföljning");
        String patient = fhir.createId(Fixtures.patient("198112189876", "1981-12-18", unit));
        assertThat(fhir.delete(patient).status()).isBetween(200, 204);
        assertThat(fhir.get("Measure/an07/$evaluate-measure?" + PERIOD).status())
                .isEqualTo(200);
        assertThat(fhir.get("Measure/an07/$run-chart?from=2025-01&to=2025-03").status())
                .isEqualTo(200);

        // the audit trail writes in the background: scrape until the accesses above are written
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            after = scrape();
        } while (increase("audit_write_lag_seconds_count", Map.of()) < 1 && System.nanoTime() < deadline);
    }

    @Test
    void theMetricsEndpointNeedsNoToken() {
        // CdsHttp.get sends no Authorization header, as Prometheus does not
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void cdsCallsAreTimedPerServiceAndStatusWithHistogramBuckets() {
        assertThat(increase(
                        "cds_hook_requests_seconds_count",
                        Map.of("service", service, "status", "200", "outcome", "success")))
                .isEqualTo(1);
        assertThat(increase(
                        "cds_hook_requests_seconds_count",
                        Map.of("service", service, "status", "400", "outcome", "client_error")))
                .isEqualTo(1);
        List<PrometheusText.Sample> buckets =
                after.find("cds_hook_requests_seconds_bucket", Map.of("service", service, "status", "200"));
        assertThat(buckets).hasSizeGreaterThan(10);
        assertThat(buckets).anySatisfy(b -> assertThat(b.labels()).containsEntry("le", "+Inf"));
    }

    @Test
    void cardsAreCountedPerRuleAndIndicator() {
        cardsShown.forEach((ruleAndIndicator, shown) -> assertThat(increase(
                        "cds_cards_total",
                        Map.of("rule", ruleAndIndicator.get(0), "indicator", ruleAndIndicator.get(1))))
                .as(ruleAndIndicator.toString())
                .isEqualTo(shown.doubleValue()));
    }

    @Test
    void feedbackIsCountedPerRuleAndOutcome() {
        assertThat(increase("cds_feedback_total", Map.of("rule", overriddenRule, "outcome", "overridden")))
                .isEqualTo(1);
        assertThat(increase("cds_feedback_total", Map.of("rule", overriddenRule, "outcome", "accepted")))
                .isZero();
    }

    @Test
    void storedResourcesAreCountedPerTypeAndAction() {
        assertThat(increase("fhir_resources_stored_total", Map.of("type", "Patient", "action", "create")))
                .isEqualTo(1);
        assertThat(increase("fhir_resources_stored_total", Map.of("type", "Patient", "action", "delete")))
                .isEqualTo(1);
        assertThat(increase("fhir_resources_stored_total", Map.of("type", "Organization", "action", "create")))
                .isEqualTo(1);
        assertThat(increase("fhir_resources_stored_total", Map.of("type", "Organization", "action", "update")))
                .isEqualTo(1);
    }

    @Test
    void indicatorEvaluationsAreTimedPerMeasureAndOperation() {
        assertThat(increase(
                        "measures_evaluation_seconds_count",
                        Map.of("measure", "an07", "operation", "evaluate-measure")))
                .isEqualTo(1);
        assertThat(increase("measures_evaluation_seconds_count", Map.of("measure", "an07", "operation", "run-chart")))
                .isEqualTo(1);
    }

    @Test
    void theAuditQueueShowsItsDepthAndWriteLag() {
        assertThat(after.find("audit_queue_depth", Map.of()))
                .singleElement()
                .satisfies(depth -> assertThat(depth.value()).isGreaterThanOrEqualTo(0));
        assertThat(increase("audit_write_lag_seconds_count", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("audit_write_lag_seconds_sum", Map.of())).isPositive();
    }

    @Test
    void noMetricIsTaggedWithAPatient() {
        assertThat(after.samples())
                .allSatisfy(s -> assertThat(s.labels().keySet()).doesNotContain("patient", "patientId", "subject"));
    }

    private double increase(String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private PrometheusText scrape() {
        CdsHttp.Response response = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/actuator/prometheus"))
                .GET());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }
}
