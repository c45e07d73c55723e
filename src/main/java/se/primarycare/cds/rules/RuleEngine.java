package se.primarycare.cds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.primarycare.cds.rules.RuleDefinition.RuleCase;
import se.primarycare.cds.terminology.CodeHierarchy;

/**
 * Runs the rules of one hook over a patient's facts and returns the cards to show. Pure: the same rules and
 * facts always give the same cards. On order hooks every draft order with a known ATC code is judged on its
 * own; on {@code patient-view} the patient as a whole. The alert budget then decides which cards are shown and
 * which advice is merged into them.
 */
public final class RuleEngine {

    private final List<RuleDefinition> rules;
    private final Vocabulary terms;
    private final CardFactory cards;
    private final CardBudget budget;

    public RuleEngine(List<RuleDefinition> rules, Vocabulary terms, CardFactory cards, CardBudget budget) {
        this.rules = List.copyOf(rules);
        this.terms = terms;
        this.cards = cards;
        this.budget = budget;
    }

    public List<RuleDefinition> rules() {
        return rules;
    }

    public List<CardResult> evaluate(String hook, PatientFacts facts, Language language) {
        List<CardResult> fired = new ArrayList<>();
        if (hook.startsWith("order-")) {
            for (DraftOrder draft : facts.drafts()) {
                if (draft.code(CodeHierarchy.ATC) != null) {
                    fired.addAll(fire(hook, new RuleContext(facts, draft, language, terms)));
                }
            }
        } else {
            fired.addAll(fire(hook, new RuleContext(facts, null, language, terms)));
        }
        return budget.apply(fired);
    }

    private List<CardResult> fire(String hook, RuleContext context) {
        List<CardResult> fired = new ArrayList<>();
        for (RuleDefinition rule : rules) {
            if (rule.hooks().contains(hook)) {
                firstFiringCase(rule, context).ifPresent(fired::add);
            }
        }
        return fired;
    }

    private Optional<CardResult> firstFiringCase(RuleDefinition rule, RuleContext context) {
        for (RuleCase ruleCase : rule.cases()) {
            Optional<Findings> found = Optional.of(Findings.start(ruleCase.params()));
            for (Condition condition : ruleCase.when()) {
                found = condition.test(context, found.get());
                if (found.isEmpty()) {
                    break;
                }
            }
            if (found.isPresent()) {
                return Optional.of(cards.card(rule, ruleCase, context, found.get()));
            }
        }
        return Optional.empty();
    }
}
