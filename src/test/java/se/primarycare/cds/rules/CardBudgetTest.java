package se.primarycare.cds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardBudgetTest {

    private static final List<String> ORDER =
            List.of("opioid-benzo", "benzo-anxiety", "starter-pack", "long-term-use", "patient-leaflet");
    private final CardBudget budget = new CardBudget(
            2, ORDER, Map.of("patient-leaflet", List.of("starter-pack"), "long-term-use", List.of("benzo-anxiety")));

    @Test
    void twoWarningsAndAnInfoShowTwoCardsWithTheInfoMergedWhereItBelongs() {
        List<CardResult> shown = budget.apply(List.of(
                card("patient-leaflet", Indicator.INFO, "d1"),
                card("starter-pack", Indicator.WARNING, "d1"),
                card("benzo-anxiety", Indicator.WARNING, "d1")));

        assertThat(shown).extracting(CardResult::ruleId).containsExactly("benzo-anxiety", "starter-pack");
        CardResult starter = shown.get(1);
        assertThat(starter.rules()).containsExactly("starter-pack", "patient-leaflet");
        assertThat(starter.detail()).contains("detail of patient-leaflet").contains("summary of patient-leaflet");
        assertThat(starter.suggestions())
                .extracting(CardResult.Suggestion::ruleId)
                .containsExactly("starter-pack", "patient-leaflet");
        assertThat(starter.links()).extracting(CardResult.Link::ruleId).containsExactly("patient-leaflet");
    }

    @Test
    void aSecondCardIsShownOnlyWhenItInterruptsForAGoodReason() {
        List<CardResult> shown = budget.apply(
                List.of(card("benzo-anxiety", Indicator.WARNING, "d1"), card("long-term-use", Indicator.INFO, "d1")));

        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).rules()).containsExactly("benzo-anxiety", "long-term-use");
    }

    @Test
    void theMostSevereCardComesFirstAndTheThirdInterruptingCardIsMergedNotDropped() {
        List<CardResult> shown = budget.apply(List.of(
                card("starter-pack", Indicator.WARNING, "d1"),
                card("benzo-anxiety", Indicator.WARNING, "d1"),
                card("opioid-benzo", Indicator.CRITICAL, "d1")));

        assertThat(shown).extracting(CardResult::ruleId).containsExactly("opioid-benzo", "benzo-anxiety");
        assertThat(shown.stream().flatMap(c -> c.rules().stream()))
                .containsExactlyInAnyOrder("opioid-benzo", "benzo-anxiety", "starter-pack");
        assertThat(shown.get(0).overrideReasons())
                .extracting(CardResult.OverrideReason::code)
                .containsExactly("reason-opioid-benzo", "reason-starter-pack");
    }

    @Test
    void eachDraftHasItsOwnBudget() {
        List<CardResult> shown = budget.apply(List.of(
                card("benzo-anxiety", Indicator.WARNING, "d1"),
                card("starter-pack", Indicator.WARNING, "d1"),
                card("opioid-benzo", Indicator.CRITICAL, "d2"),
                card("patient-leaflet", Indicator.INFO, "d2")));

        assertThat(shown)
                .extracting(CardResult::ruleId)
                .containsExactly("benzo-anxiety", "starter-pack", "opioid-benzo");
        assertThat(shown.get(2).rules()).containsExactly("opioid-benzo", "patient-leaflet");
    }

    @Test
    void switchedOffEveryRuleShowsItsOwnCard() {
        List<CardResult> cards = List.of(
                card("benzo-anxiety", Indicator.WARNING, "d1"),
                card("starter-pack", Indicator.WARNING, "d1"),
                card("patient-leaflet", Indicator.INFO, "d1"));

        assertThat(CardBudget.off().apply(cards)).isEqualTo(cards);
    }

    private static CardResult card(String rule, Indicator indicator, String draft) {
        return new CardResult(
                List.of(rule),
                draft,
                indicator,
                "summary of " + rule,
                "detail of " + rule,
                "source of " + rule,
                "https://example.org/" + rule,
                List.of(new CardResult.Suggestion(
                        rule, new SuggestedAction.CreateServiceRequest("do " + rule, null, "do " + rule, "p1", null))),
                indicator.interrupts()
                        ? List.of(new CardResult.OverrideReason("reason-" + rule, "Reason " + rule))
                        : List.of(),
                rule.equals("patient-leaflet")
                        ? List.of(new CardResult.Link(rule, "leaflet", "https://www.1177.se/"))
                        : List.of());
    }
}
