package se.primarycare.cds.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a CDS response against a fixture's {@code expect}: which rules fire (as a card's topic or merged into a
 * card, {@code extension["se.primarycare.rules"]}), which must not, how many cards, and what the card that speaks
 * for each rule says and proposes (suggestions and links by their {@code extension["se.primarycare.rule"]}).
 * One checker for the in-process rule test and the HTTP contract test, so both hold the fixtures to the same bar.
 */
public final class CardExpectations {

    public static final String RULES = "se.primarycare.rules";
    public static final String RULE = "se.primarycare.rule";

    private CardExpectations() {}

    public static void assertResponse(JsonNode cards, JsonNode expect) {
        assertCardsFollowTheProtocol(cards);
        Set<String> rules = ruleIds(cards);
        expect.path("fires").forEach(r -> assertThat(rules).as("fires").contains(r.asText()));
        expect.path("notFires")
                .forEach(r -> assertThat(rules).as("must not fire").doesNotContain(r.asText()));
        if (expect.has("cardCount")) {
            assertThat(cards.size())
                    .as("cards shown " + cards)
                    .isEqualTo(expect.get("cardCount").asInt());
        }
        for (JsonNode expected : expect.path("cards")) {
            assertCard(cards, expected);
        }
    }

    /** Every rule that spoke: the cards' topics and the rules merged into them. */
    public static Set<String> ruleIds(JsonNode cards) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode card : cards) {
            ids.add(topic(card));
            card.path("extension").path(RULES).forEach(r -> ids.add(r.asText()));
        }
        return ids;
    }

    public static String topic(JsonNode card) {
        return card.path("source").path("topic").path("code").asText();
    }

    public static void assertCardsFollowTheProtocol(JsonNode cards) {
        for (JsonNode card : cards) {
            assertThat(card.path("uuid").asText()).isNotBlank();
            assertThat(card.path("summary").asText()).isNotBlank().hasSizeLessThan(140);
            assertThat(card.path("detail").asText())
                    .isNotBlank()
                    .doesNotContain("{")
                    .doesNotContain("}");
            assertThat(card.path("summary").asText()).doesNotContain("{");
            assertThat(card.path("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.path("source").path("label").asText()).isNotBlank();
            assertThat(card.path("source").path("url").asText()).startsWith("https://");
            assertThat(card.path("source").path("topic").path("system").asText())
                    .isEqualTo("https://fhir.primarycare.se/CodeSystem/cds-rule");
            assertThat(card.path("extension").path(RULES).get(0).asText()).isEqualTo(topic(card));
            if (card.path("suggestions").size() > 0) {
                assertThat(card.path("selectionBehavior").asText()).isEqualTo("any");
                card.path("suggestions").forEach(s -> {
                    assertThat(s.path("uuid").asText()).isNotBlank();
                    assertThat(s.path("label").asText()).doesNotContain("{");
                    assertThat(ruleIdsOf(card))
                            .contains(s.path("extension").path(RULE).asText());
                });
            }
            if (!card.path("indicator").asText().equals("info")) {
                assertThat(card.path("overrideReasons").size()).isPositive();
                card.path("overrideReasons")
                        .forEach(r -> assertThat(r.path("display").asText()).isNotBlank());
            }
        }
    }

    private static List<String> ruleIdsOf(JsonNode card) {
        List<String> ids = new ArrayList<>();
        card.path("extension").path(RULES).forEach(r -> ids.add(r.asText()));
        return ids;
    }

    private static JsonNode cardSpeakingFor(JsonNode cards, String rule) {
        for (JsonNode card : cards) {
            if (rule.equals(topic(card))) {
                return card;
            }
        }
        for (JsonNode card : cards) {
            if (ruleIdsOf(card).contains(rule)) {
                return card;
            }
        }
        throw new AssertionError("no card speaks for rule " + rule + " in " + cards);
    }

    private static void assertCard(JsonNode cards, JsonNode expected) {
        String rule = expected.get("rule").asText();
        JsonNode card = cardSpeakingFor(cards, rule);
        String text =
                (card.path("summary").asText() + "\n" + card.path("detail").asText()).toLowerCase();
        if (expected.has("host")) {
            assertThat(topic(card))
                    .as("card carrying " + rule)
                    .isEqualTo(expected.get("host").asText());
        }
        if (expected.has("indicator") && rule.equals(topic(card))) {
            assertThat(card.path("indicator").asText())
                    .isEqualTo(expected.get("indicator").asText());
        }
        expected.path("summaryContains")
                .forEach(t -> assertThat(card.path("summary").asText().toLowerCase())
                        .contains(t.asText().toLowerCase()));
        expected.path("detailContains")
                .forEach(t -> assertThat(text).contains(t.asText().toLowerCase()));
        expected.path("detailNotContains")
                .forEach(t -> assertThat(card.path("detail").asText().toLowerCase())
                        .doesNotContain(t.asText().toLowerCase()));
        List<JsonNode> suggestions = attributed(card.path("suggestions"), rule);
        if (expected.has("suggestionCodes")) {
            List<String> codes = new ArrayList<>();
            suggestions.forEach(s -> s.path("actions").forEach(a -> {
                JsonNode resource = a.path("resource");
                resource.path("code")
                        .path("coding")
                        .forEach(c -> codes.add(c.path("code").asText()));
                resource.path("category").forEach(cat -> cat.path("coding")
                        .forEach(c -> codes.add(c.path("code").asText())));
                resource.path("medicationCodeableConcept")
                        .path("coding")
                        .forEach(c -> codes.add(c.path("code").asText()));
            }));
            assertThat(codes)
                    .as("suggestion codes of " + rule)
                    .containsExactlyInAnyOrderElementsOf(texts(expected.get("suggestionCodes")));
        }
        if (expected.has("suggestionTextsContain")) {
            StringBuilder all = new StringBuilder();
            suggestions.forEach(s -> {
                all.append(s.path("label").asText()).append('\n');
                s.path("actions").forEach(a -> all.append(
                                a.path("resource").path("code").path("text").asText())
                        .append('\n')
                        .append(a.path("resource").path("title").asText())
                        .append('\n'));
            });
            expected.path("suggestionTextsContain")
                    .forEach(t -> assertThat(all.toString().toLowerCase())
                            .contains(t.asText().toLowerCase()));
        }
        if (expected.has("carePlanCategories")) {
            List<String> categories = new ArrayList<>();
            suggestions.forEach(s -> s.path("actions").forEach(a -> {
                if ("CarePlan".equals(a.path("resource").path("resourceType").asText())) {
                    a.path("resource").path("category").forEach(cat -> cat.path("coding")
                            .forEach(c -> categories.add(c.path("code").asText())));
                }
            }));
            assertThat(categories).containsExactlyInAnyOrderElementsOf(texts(expected.get("carePlanCategories")));
        }
        JsonNode update = updateAction(suggestions);
        if (expected.path("noUpdate").asBoolean(false)) {
            assertThat(update).as("update suggestion of " + rule).isNull();
        }
        if (expected.has("updateQuantity")) {
            assertThat(update).as("update suggestion of " + rule).isNotNull();
            JsonNode dispense = update.path("resource").path("dispenseRequest");
            assertThat(dispense.path("quantity").path("value").asInt())
                    .isEqualTo(expected.get("updateQuantity").asInt());
            assertThat(dispense.path("numberOfRepeatsAllowed").asInt()).isZero();
        }
        if (expected.has("updateProduct") || expected.has("updateCodings")) {
            assertThat(update).as("update suggestion of " + rule).isNotNull();
            List<String> codings = update.path("resource")
                    .path("medicationCodeableConcept")
                    .path("coding")
                    .findValuesAsText("code");
            if (expected.has("updateProduct")) {
                assertThat(codings).contains(expected.get("updateProduct").asText());
            }
            if (expected.has("updateCodings")) {
                assertThat(codings).containsExactlyInAnyOrderElementsOf(texts(expected.get("updateCodings")));
            }
        }
        if (expected.has("updateLabelContains")) {
            assertThat(update).as("update suggestion of " + rule).isNotNull();
            String label = update.path("description").asText().toLowerCase();
            expected.path("updateLabelContains")
                    .forEach(t -> assertThat(label).contains(t.asText().toLowerCase()));
        }
        List<JsonNode> links = attributed(card.path("links"), rule);
        if (expected.has("links")) {
            assertThat(links).hasSize(expected.get("links").asInt());
            links.forEach(l -> assertThat(l.path("type").asText()).isEqualTo("absolute"));
        }
        expected.path("linkUrlsContain").forEach(t -> assertThat(links)
                .anyMatch(l -> l.path("url").asText().contains(t.asText())));
        expected.path("linkUrlsNotContain").forEach(t -> assertThat(links)
                .noneMatch(l -> l.path("url").asText().contains(t.asText())));
    }

    private static List<JsonNode> attributed(JsonNode items, String rule) {
        List<JsonNode> mine = new ArrayList<>();
        items.forEach(i -> {
            if (rule.equals(i.path("extension").path(RULE).asText())) {
                mine.add(i);
            }
        });
        return mine;
    }

    private static JsonNode updateAction(List<JsonNode> suggestions) {
        for (JsonNode suggestion : suggestions) {
            for (JsonNode action : suggestion.path("actions")) {
                if ("update".equals(action.path("type").asText())) {
                    return action;
                }
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
