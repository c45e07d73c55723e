package se.primarycare.cds.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.primarycare.cds.rules.RuleDefinition.RuleCase;
import se.primarycare.cds.rules.RuleDefinition.SuggestionDefinition;
import se.primarycare.cds.terminology.CodeHierarchy;
import se.primarycare.cds.terminology.ProductCatalogue;

/**
 * Runs the rules of one hook over a patient's facts and returns the cards to show. Pure: the same rules and
 * facts always give the same cards. On order hooks every draft order with a known ATC code is judged on its
 * own; on {@code patient-view} the patient as a whole.
 */
public final class RuleEngine {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final List<RuleDefinition> rules;
    private final ConditionEvaluator conditions;
    private final ProductCatalogue products;
    private final MedicationNames names;

    public RuleEngine(List<RuleDefinition> rules, CodeMatcher codes, ProductCatalogue products, MedicationNames names) {
        this.rules = List.copyOf(rules);
        this.conditions = new ConditionEvaluator(codes, products, names);
        this.products = products;
        this.names = names;
    }

    public List<RuleDefinition> rules() {
        return rules;
    }

    public List<CardResult> evaluate(String hook, PatientFacts facts, Language language) {
        List<CardResult> cards = new ArrayList<>();
        for (RuleDefinition rule : rules) {
            if (!rule.hooks().contains(hook)) {
                continue;
            }
            if (hook.startsWith("order-")) {
                for (DraftOrder draft : facts.drafts()) {
                    if (draft.code(CodeHierarchy.ATC) != null) {
                        firstFiringCase(rule, facts, draft, language).ifPresent(e -> cards.add(card(rule, e)));
                    }
                }
            } else {
                firstFiringCase(rule, facts, null, language).ifPresent(e -> cards.add(card(rule, e)));
            }
        }
        return cards;
    }

    private Optional<Evaluation> firstFiringCase(
            RuleDefinition rule, PatientFacts facts, DraftOrder draft, Language language) {
        for (RuleCase ruleCase : rule.cases()) {
            Evaluation evaluation = new Evaluation(facts, draft, language, ruleCase.params());
            evaluation.rule = rule;
            if (ruleCase.when().stream().allMatch(c -> conditions.holds(c, evaluation))) {
                return Optional.of(evaluation);
            }
        }
        return Optional.empty();
    }

    private CardResult card(RuleDefinition rule, Evaluation e) {
        List<SuggestedAction> suggestions = new ArrayList<>();
        for (SuggestionDefinition suggestion : rule.suggestions()) {
            suggestion(rule, suggestion, e).ifPresent(suggestions::add);
        }
        return new CardResult(
                rule.id(),
                rule.indicator(),
                fill(rule.summary().in(e.language), e),
                fill(rule.detail().in(e.language), e),
                rule.source().label().in(e.language),
                rule.source().url(),
                suggestions,
                rule.overrideReasons().stream()
                        .map(r -> new CardResult.OverrideReason(
                                r.code(), r.display().in(e.language)))
                        .toList(),
                rule.links().stream()
                        .map(l -> new CardResult.Link(fill(l.label().in(e.language), e), l.url()))
                        .toList());
    }

    private Optional<SuggestedAction> suggestion(RuleDefinition rule, SuggestionDefinition s, Evaluation e) {
        String reason = reasonReference(s.reasonFrom(), e);
        return switch (s.type()) {
            case "create-service-request" ->
                Optional.of(new SuggestedAction.CreateServiceRequest(
                        fill(s.label().in(e.language), e),
                        s.code(),
                        s.text() == null ? null : fill(s.text().in(e.language), e),
                        e.facts.patientId(),
                        reason));
            case "create-care-plan" ->
                Optional.of(new SuggestedAction.CreateCarePlan(
                        fill(s.label().in(e.language), e),
                        s.category(),
                        s.text() == null ? null : fill(s.text().in(e.language), e),
                        e.facts.patientId(),
                        reason));
            case "update-draft-to-starter-pack" ->
                starterPack(e)
                        .map(pack -> new SuggestedAction.UpdateDraftToPack(
                                fill(s.label().in(e.language), e),
                                e.draft.id(),
                                new Coded(
                                        ProductCatalogue.SYSTEM,
                                        pack.product().code(),
                                        pack.product().concept().display()),
                                BigDecimal.valueOf(pack.packSize())));
            default -> throw new IllegalStateException("rule " + rule.id() + ": unknown suggestion " + s.type());
        };
    }

    /** Fills {@code {starterPack}} from the rule's messages, so the texts say which pack or that none exists. */
    private Optional<ProductCatalogue.StarterPack> starterPack(Evaluation e) {
        if (e.draft == null || !e.params.containsKey("limit")) {
            return Optional.empty();
        }
        int limit = ((Number) e.params.get("limit")).intValue();
        return products.starterPack(e.draft.code(CodeHierarchy.ATC), e.draft.code(ProductCatalogue.SYSTEM), limit);
    }

    private String reasonReference(String reasonFrom, Evaluation e) {
        if (reasonFrom == null || e.diagnosis == null) {
            return null;
        }
        return e.diagnosis.reference();
    }

    private String fill(String text, Evaluation e) {
        if (text == null) {
            return null;
        }
        prepareStarterPackText(e);
        return fillPlain(text, e);
    }

    private void prepareStarterPackText(Evaluation e) {
        if (e.placeholders.containsKey("starterPack") || e.rule == null) {
            return;
        }
        Map<String, LocalizedText> messages = e.rule.messages();
        Optional<ProductCatalogue.StarterPack> pack = starterPack(e);
        if (pack.isPresent()) {
            e.placeholders.put("packSize", Integer.toString(pack.get().packSize()));
            e.placeholders.put(
                    "pack",
                    names.name(
                            List.of(Coded.of(
                                    ProductCatalogue.SYSTEM,
                                    pack.get().product().code())),
                            e.language));
        }
        LocalizedText message = messages.get(pack.isPresent() ? "starterPack" : "noStarterPack");
        e.placeholders.put("starterPack", message == null ? "" : fillPlain(message.in(e.language), e));
    }

    private static String fillPlain(String text, Evaluation e) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    filled, Matcher.quoteReplacement(e.placeholders.getOrDefault(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
