package se.primarycare.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.CdsHttp;

/**
 * Every fixture of {@code src/test/resources/cds/}: the request is posted to the booted service and the cards
 * compared with the expectations written next to it (which rules fire, which must not, and what the cards say).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CdsRuleFixturesIT {

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyFixtureGivesItsExpectedCards() {
        CdsHttp cds = new CdsHttp(port);
        return CdsFixture.all().stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.name(), () -> {
                    CdsHttp.Response response = cds.post("/cds-services/" + fixture.service(), fixture.request());
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    JsonNode cards = response.json().get("cards");
                    assertCardsFollowTheProtocol(cards);
                    Set<String> rules = ruleIds(cards);
                    fixture.expect()
                            .path("fires")
                            .forEach(r -> assertThat(rules).as("fires").contains(r.asText()));
                    fixture.expect()
                            .path("notFires")
                            .forEach(r -> assertThat(rules).as("must not fire").doesNotContain(r.asText()));
                    for (JsonNode expected : fixture.expect().path("cards")) {
                        assertCard(cardOf(cards, expected.get("rule").asText()), expected);
                    }
                }));
    }

    static Set<String> ruleIds(JsonNode cards) {
        Set<String> ids = new HashSet<>();
        cards.forEach(c -> ids.add(c.path("source").path("topic").path("code").asText()));
        return ids;
    }

    static void assertCardsFollowTheProtocol(JsonNode cards) {
        for (JsonNode card : cards) {
            assertThat(card.path("uuid").asText()).isNotBlank();
            assertThat(card.path("summary").asText()).isNotBlank().hasSizeLessThan(140);
            assertThat(card.path("detail").asText()).isNotBlank();
            assertThat(card.path("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.path("source").path("label").asText()).isNotBlank();
            assertThat(card.path("source").path("url").asText()).startsWith("https://");
            assertThat(card.path("source").path("topic").path("system").asText())
                    .isEqualTo("https://fhir.primarycare.se/CodeSystem/cds-rule");
            if (card.path("suggestions").size() > 0) {
                assertThat(card.path("selectionBehavior").asText()).isEqualTo("any");
                card.path("suggestions")
                        .forEach(s -> assertThat(s.path("uuid").asText()).isNotBlank());
            }
            if (!card.path("indicator").asText().equals("info")) {
                assertThat(card.path("overrideReasons").size()).isPositive();
                card.path("overrideReasons")
                        .forEach(r -> assertThat(r.path("display").asText()).isNotBlank());
            }
        }
    }

    private static JsonNode cardOf(JsonNode cards, String rule) {
        for (JsonNode card : cards) {
            if (rule.equals(card.path("source").path("topic").path("code").asText())) {
                return card;
            }
        }
        throw new AssertionError("no card of rule " + rule + " in " + cards);
    }

    private static void assertCard(JsonNode card, JsonNode expected) {
        if (expected.has("indicator")) {
            assertThat(card.path("indicator").asText())
                    .isEqualTo(expected.get("indicator").asText());
        }
        expected.path("summaryContains")
                .forEach(t -> assertThat(card.path("summary").asText().toLowerCase())
                        .contains(t.asText().toLowerCase()));
        expected.path("detailContains")
                .forEach(t -> assertThat(card.path("detail").asText().toLowerCase())
                        .contains(t.asText().toLowerCase()));
        if (expected.has("suggestionCodes")) {
            List<String> codes = new ArrayList<>();
            card.path("suggestions").forEach(s -> s.path("actions").forEach(a -> a.path("resource")
                    .path("code")
                    .path("coding")
                    .forEach(c -> codes.add(c.path("code").asText()))));
            assertThat(codes)
                    .containsExactlyInAnyOrderElementsOf(
                            expected.get("suggestionCodes")
                                            .findValuesAsText("code")
                                            .isEmpty()
                                    ? toList(expected.get("suggestionCodes"))
                                    : List.of());
        }
        if (expected.has("updateQuantity")) {
            JsonNode update = updateAction(card);
            assertThat(update.path("resource")
                            .path("dispenseRequest")
                            .path("quantity")
                            .path("value")
                            .asInt())
                    .isEqualTo(expected.get("updateQuantity").asInt());
            assertThat(update.path("resource")
                            .path("dispenseRequest")
                            .path("numberOfRepeatsAllowed")
                            .asInt())
                    .isZero();
        }
        if (expected.has("updateProduct")) {
            List<String> products = updateAction(card)
                    .path("resource")
                    .path("medicationCodeableConcept")
                    .path("coding")
                    .findValuesAsText("code");
            assertThat(products).contains(expected.get("updateProduct").asText());
        }
        if (expected.has("links")) {
            assertThat(card.path("links").size())
                    .isEqualTo(expected.get("links").asInt());
            card.path("links").forEach(l -> assertThat(l.path("type").asText()).isEqualTo("absolute"));
        }
    }

    private static JsonNode updateAction(JsonNode card) {
        for (JsonNode suggestion : card.path("suggestions")) {
            for (JsonNode action : suggestion.path("actions")) {
                if ("update".equals(action.path("type").asText())) {
                    return action;
                }
            }
        }
        throw new AssertionError("no update suggestion in " + card);
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
