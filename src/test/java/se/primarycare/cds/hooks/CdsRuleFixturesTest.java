package se.primarycare.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import se.primarycare.cds.rules.Language;
import se.primarycare.cds.support.CardExpectations;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.InProcessCds;

/**
 * Every fixture of {@code src/test/resources/cds/} through the CDS service in-process: the same objects the
 * server wires ({@link CdsRules}), the real rule files and fhir-profiles, the request as the EHR sends it, no
 * Spring context and no HTTP (those are {@code CdsRuleFixturesIT}'s and {@code CdsProtocolIT}'s job). Missing
 * prefetch is read from an empty store, which knows no patient: the call must then be 412.
 */
class CdsRuleFixturesTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureGivesItsExpectedCards() {
        CdsRules rules = InProcessCds.rules();
        List<String> logged = new ArrayList<>();
        CdsHookService service = rules.service(
                (serviceId, cards) -> cards.forEach(c -> logged.add(c.card().uuid())),
                Clock.system(ZoneId.of("Europe/Stockholm")));
        FhirDataSource emptyStore = query -> List.of();
        return CdsFixture.all().stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.name(), () -> {
                    CdsServiceCatalogue.CdsService cds =
                            rules.catalogue().service(fixture.service()).orElseThrow();
                    HookRequest request =
                            HookRequest.parse(fixture.request(), Language.fromAcceptLanguage(fixture.acceptLanguage()));
                    if (fixture.status() != 200) {
                        assertThatThrownBy(() -> service.call(cds, request, () -> emptyStore))
                                .isInstanceOfSatisfying(
                                        CdsException.class,
                                        e -> assertThat(e.status().value()).isEqualTo(fixture.status()));
                        return;
                    }
                    ObjectNode response = service.call(cds, request, () -> emptyStore);
                    CardExpectations.assertResponse(response.get("cards"), fixture.expect());
                    response.get("cards").forEach(card -> assertThat(logged)
                            .contains(card.get("uuid").asText()));
                }));
    }

    @Test
    void theAlertBudgetIsConfigurableAndMergingDropsNothing() throws Exception {
        CdsFixture fixture = CdsFixture.all().stream()
                .filter(f -> f.name().equals("budget/two-warnings-new-oxazepam-100-anxiety.json"))
                .findFirst()
                .orElseThrow();
        ObjectNode before = call(InProcessCds.rules(Map.of("card-budget.max-cards-per-draft", "0")), fixture);
        ObjectNode after = call(InProcessCds.rules(), fixture);

        assertThat(before.get("cards")).hasSize(3);
        assertThat(after.get("cards")).hasSize(2);
        assertThat(CardExpectations.ruleIds(after.get("cards")))
                .containsExactlyInAnyOrderElementsOf(CardExpectations.ruleIds(before.get("cards")));
        assertThat(after.get("cards").findValues("suggestions").stream()
                        .mapToInt(s -> s.size())
                        .sum())
                .isEqualTo(before.get("cards").findValues("suggestions").stream()
                        .mapToInt(s -> s.size())
                        .sum());
        assertThat(after.get("cards").findValues("links").stream()
                        .mapToInt(l -> l.size())
                        .sum())
                .isEqualTo(before.get("cards").findValues("links").stream()
                        .mapToInt(l -> l.size())
                        .sum());
        // the example in docs/alert-budget.md is this pair
        Path out = Path.of("target", "alert-budget-example");
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        Files.writeString(
                out.resolve("before.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(before));
        Files.writeString(
                out.resolve("after.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(after));
    }

    private static ObjectNode call(CdsRules rules, CdsFixture fixture) {
        return rules.service((id, cards) -> {}, Clock.system(ZoneId.of("Europe/Stockholm")))
                .call(
                        rules.catalogue().service(fixture.service()).orElseThrow(),
                        HookRequest.parse(fixture.request(), Language.SV),
                        () -> query -> List.of());
    }
}
