package se.primarycare.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.CdsHttp;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.ProfileValidator;

/** The CDS Hooks protocol as an EHR meets it: discovery, data access modes, errors, language, CORS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsProtocolIT {

    private static final String SIGN = "/cds-services/primarycare-order-sign";
    private static final Map<String, String> PROFILE_OF = Map.of(
            "ServiceRequest", "se-service-request",
            "CarePlan", "se-rehab-plan",
            "MedicationRequest", "se-medicationrequest");

    @LocalServerPort
    int port;

    CdsHttp cds;
    FhirHttp fhir;

    @BeforeAll
    void clients() {
        cds = new CdsHttp(port);
        fhir = new FhirHttp(port);
        fhir.put(
                "Organization/vc-fixture",
                FhirHttp.FHIR
                        .newJsonParser()
                        .encodeResourceToString(
                                Fixtures.unit("vc-fixture", "SE2321000065-7777", "Vårdcentralen Fixtur")));
    }

    @Test
    void discoveryListsOneServicePerHookWithPrefetch() {
        JsonNode services = cds.get("/cds-services").json().get("services");
        List<String> hooks = new ArrayList<>();
        services.forEach(s -> hooks.add(s.get("hook").asText()));
        assertThat(hooks).containsExactlyInAnyOrder("order-sign", "order-select", "patient-view");
        services.forEach(s -> assertThat(s.path("prefetch").path("conditions").asText())
                .isEqualTo("Condition?patient={{context.patientId}}&_count=500"));
    }

    @Test
    void aDraftCodingWithoutCodeGivesNoCardRatherThanAnError() {
        // found by the fuzz corpus: a coding with a system but no code made the service fail with 500
        CdsFixture fixture = CdsFixture.all().stream()
                .filter(f -> f.name().contains("fires-active-anxiety-oxazepam"))
                .findFirst()
                .orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode request =
                fixture.request().deepCopy();
        request.path("context").path("draftOrders").path("entry").forEach(e -> e.path("resource")
                .path("medicationCodeableConcept")
                .path("coding")
                .forEach(c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove("code")));
        CdsHttp.Response response = cds.post("/cds-services/" + fixture.service(), request);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("cards")).isEmpty();
    }

    @Test
    void fullPartialAndNoPrefetchGiveTheSameCards() {
        int withCards = 0;
        for (CdsFixture fixture : CdsFixture.sample(4)) {
            if (fixture.status() != 200
                    || (!fixture.isOrderSign() && !fixture.service().endsWith("patient-view"))) {
                continue;
            }
            List<String> full = cardKeys(cds.post("/cds-services/" + fixture.service(), fixture.request()));
            withCards += full.isEmpty() ? 0 : 1;
            storePrefetch(fixture.request().get("prefetch"));

            ObjectNode none = fixture.request().deepCopy();
            none.remove("prefetch");
            none.put("fhirServer", fhir.base());
            assertThat(cardKeys(cds.post("/cds-services/" + fixture.service(), none)))
                    .as("no prefetch: " + fixture.name())
                    .isEqualTo(full);

            ObjectNode half = fixture.request().deepCopy();
            ObjectNode prefetch = (ObjectNode) half.get("prefetch");
            Iterator<String> keys = prefetch.deepCopy().fieldNames();
            for (int i = 0; keys.hasNext(); i++) {
                String key = keys.next();
                if (i % 2 == 0) {
                    prefetch.remove(key);
                } else if (i % 4 == 1) {
                    prefetch.putNull(key); // null counts as missing
                }
            }
            assertThat(cardKeys(cds.post("/cds-services/" + fixture.service(), half)))
                    .as("half prefetch: " + fixture.name())
                    .isEqualTo(full);
        }
        assertThat(withCards).as("fixtures compared that give cards").isGreaterThan(15);
    }

    @Test
    void appliedSuggestionsAreAcceptedByTheFhirServer() {
        int applied = 0;
        for (CdsFixture fixture : CdsFixture.sample(4)) {
            if (fixture.status() != 200) {
                continue;
            }
            storePrefetch(fixture.request().get("prefetch"));
            JsonNode cards = cds.post("/cds-services/" + fixture.service(), fixture.request())
                    .json()
                    .get("cards");
            for (JsonNode card : cards) {
                for (JsonNode suggestion : card.path("suggestions")) {
                    for (JsonNode action : suggestion.path("actions")) {
                        JsonNode resource = action.get("resource");
                        assertThat(ProfileValidator.errors(
                                        (org.hl7.fhir.r4.model.Resource)
                                                FhirHttp.FHIR.newJsonParser().parseResource(resource.toString()),
                                        profileOf(resource)))
                                .as(fixture.name() + " suggestion " + resource)
                                .isEmpty();
                        FhirHttp.Response response =
                                "create".equals(action.path("type").asText())
                                        ? fhir.post(resource.get("resourceType").asText(), resource.toString())
                                        : fhir.post("MedicationRequest", resource.toString());
                        assertThat(response.status())
                                .as(fixture.name() + ": " + response.body())
                                .isEqualTo(201);
                        applied++;
                    }
                }
            }
        }
        assertThat(applied).isGreaterThan(10);
    }

    @Test
    void englishOnRequest() {
        CdsFixture fixture = fixture("benzo-anxiety/fires-active-anxiety-oxazepam.json");
        JsonNode sv = cds.post(SIGN, fixture.request()).json().get("cards").get(0);
        JsonNode en = cds.post(SIGN, fixture.request().toString(), Map.of("Accept-Language", "en-GB,en;q=0.8"))
                .json()
                .get("cards")
                .get(0);
        assertThat(sv.get("summary").asText()).contains("ångest");
        assertThat(en.get("summary").asText()).contains("anxiety");
    }

    @Test
    void malformedRequestsAre400WithAJsonBody() {
        assertError(cds.post(SIGN, "{\"hook\": ", Map.of()), 400, "malformed-json");
        ObjectNode request =
                fixture("benzo-anxiety/fires-active-anxiety-oxazepam.json").request();
        for (String field : List.of("hook", "hookInstance", "context")) {
            ObjectNode broken = request.deepCopy();
            broken.remove(field);
            assertThat(cds.post(SIGN, broken).status()).as(field).isEqualTo(400);
        }
        ObjectNode wrongHook = request.deepCopy();
        wrongHook.put("hook", "patient-view");
        assertError(cds.post(SIGN, wrongHook), 400, "wrong-hook");
    }

    @Test
    void unknownServiceIs404() {
        assertError(
                cds.post(
                        "/cds-services/no-such-service",
                        fixture("benzo-anxiety/fires-active-anxiety-oxazepam.json")
                                .request()),
                404,
                "unknown-service");
    }

    @Test
    void oversizedBodyIs413AndOtherContentTypeIs415() {
        String huge = "{\"hook\": \"order-sign\", \"pad\": \"" + "x".repeat(2 * 1024 * 1024 + 10) + "\"}";
        assertError(cds.post(SIGN, huge, Map.of()), 413, "body-too-large");
        assertError(
                cds.post(SIGN, "hook=order-sign", Map.of("Content-Type", "text/plain")), 415, "unsupported-media-type");
    }

    @Test
    void unreachableFhirServerIs412() {
        ObjectNode request =
                fixture("benzo-anxiety/fires-active-anxiety-oxazepam.json").request();
        request.remove("prefetch");
        request.put("fhirServer", "http://127.0.0.1:1/fhir");
        assertError(cds.post(SIGN, request), 412, "prefetch-unavailable");
    }

    @Test
    void corsPreflightAllowsAuthorization() {
        CdsHttp.Response response = cds.send(HttpRequest.newBuilder(URI.create(cds.base() + SIGN))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://ehr.example.se")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(String.join(",", response.headers().getOrDefault("access-control-allow-headers", List.of()))
                        .toLowerCase())
                .contains("authorization");
        assertThat(response.headers()).containsKey("access-control-allow-origin");
    }

    private static void assertError(CdsHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        assertThat(response.json().path("error").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void feedbackOnAMergedCardCountsForEveryRuleItSpeaksForAndEachAcceptedSuggestionForItsOwnRule() {
        CdsFixture fixture = fixture("budget/benzo-anxiety-carries-long-term-use.json");
        JsonNode cards = cds.post("/cds-services/" + fixture.service(), fixture.request())
                .json()
                .get("cards");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        List<String> rules = new ArrayList<>();
        card.path("extension").path("se.primarycare.rules").forEach(r -> rules.add(r.asText()));
        assertThat(rules).containsExactly("benzo-anxiety", "long-term-use");
        JsonNode mergedSuggestion = null;
        for (JsonNode suggestion : card.path("suggestions")) {
            if ("long-term-use"
                    .equals(suggestion
                            .path("extension")
                            .path("se.primarycare.rule")
                            .asText())) {
                mergedSuggestion = suggestion;
            }
        }
        assertThat(mergedSuggestion)
                .as("a long-term-use suggestion on the benzo-anxiety card")
                .isNotNull();
        Map<String, JsonNode> before = summaryByRule();

        String feedback = "{\"feedback\":[{\"card\":\"" + card.get("uuid").asText()
                + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\""
                + mergedSuggestion.get("uuid").asText() + "\"}],\"outcomeTimestamp\":\"2026-12-03T10:00:00Z\"}]}";
        assertThat(cds.post("/cds-services/" + fixture.service() + "/feedback", feedback, Map.of())
                        .status())
                .isEqualTo(200);

        Map<String, JsonNode> after = summaryByRule();
        assertThat(delta(before, after, "benzo-anxiety", "accepted")).isEqualTo(1);
        assertThat(delta(before, after, "long-term-use", "accepted")).isEqualTo(1);
        assertThat(delta(before, after, "long-term-use", "suggestionsAccepted")).isEqualTo(1);
        assertThat(delta(before, after, "benzo-anxiety", "suggestionsAccepted")).isZero();
        assertThat(after.get("long-term-use").path("merged").asLong()).isPositive();
    }

    private Map<String, JsonNode> summaryByRule() {
        Map<String, JsonNode> byRule = new java.util.HashMap<>();
        cds.get("/cds-feedback/summary")
                .json()
                .path("rules")
                .forEach(r -> byRule.put(r.path("rule").asText(), r));
        return byRule;
    }

    private static long delta(Map<String, JsonNode> before, Map<String, JsonNode> after, String rule, String field) {
        long was = before.containsKey(rule) ? before.get(rule).path(field).asLong() : 0;
        return after.get(rule).path(field).asLong() - was;
    }

    /** The contract profile a suggested resource must meet (a CarePlan's by its category). */
    private static String profileOf(JsonNode resource) {
        String type = resource.get("resourceType").asText();
        if (type.equals("CarePlan") && resource.findValuesAsText("code").contains("medication-plan")) {
            return "se-medication-plan";
        }
        return PROFILE_OF.get(type);
    }

    private static CdsFixture fixture(String name) {
        return CdsFixture.all().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Cards compared without their uuids: rule, indicator and texts. */
    private static List<String> cardKeys(CdsHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        response.json()
                .get("cards")
                .forEach(c ->
                        keys.add(c.path("source").path("topic").path("code").asText() + "|"
                                + c.path("indicator").asText() + "|"
                                + c.path("summary").asText() + "|"
                                + c.path("detail").asText()));
        keys.sort(String::compareTo);
        return keys;
    }

    /** Stores the fixture's prefetched resources under their ids, as the EHR's record would hold them. */
    private void storePrefetch(JsonNode prefetch) {
        List<JsonNode> resources = new ArrayList<>();
        prefetch.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.path("resourceType").asText().equals("Bundle")) {
                value.path("entry").forEach(e -> resources.add(e.get("resource")));
            } else if (value.isObject()) {
                resources.add(value);
            }
        });
        resources.sort((a, b) -> a.path("resourceType").asText().equals("Patient")
                ? -1
                : b.path("resourceType").asText().equals("Patient")
                        ? 1
                        : a.path("resourceType").asText().equals("Condition")
                                ? -1
                                : b.path("resourceType").asText().equals("Condition") ? 1 : 0);
        for (JsonNode resource : resources) {
            String path = resource.get("resourceType").asText() + "/"
                    + resource.get("id").asText();
            FhirHttp.Response response = fhir.put(path, resource.toString());
            assertThat(response.status()).as(path + ": " + response.body()).isIn(200, 201);
        }
    }
}
