package se.primarycare.cds.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import se.primarycare.cds.rules.RuleDefinition.RuleCase;
import se.primarycare.cds.rules.StarterPackChoice.OtherStrength;
import se.primarycare.cds.rules.StarterPackChoice.SameStrength;
import se.primarycare.cds.rules.StarterPackChoice.UnknownStrength;
import se.primarycare.cds.terminology.CodeHierarchy;
import se.primarycare.cds.terminology.ConceptMapIndex;
import se.primarycare.cds.terminology.ProductCatalogue;
import se.primarycare.cds.terminology.ProductCatalogue.StarterPack;

/**
 * Writes the card of a rule case that fired: texts filled in the request's language, suggestions (never an
 * unverified code or product as a coding), links (with the operator's URLs where the rule allows one).
 */
public final class CardFactory {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Vocabulary terms;
    private final ConceptMapIndex conceptMaps;
    private final EngineTexts texts;
    private final Map<String, String> linkUrls;

    /**
     * @param linkUrls operator URLs by a link's {@code configKey} (e.g. the region's patient leaflet)
     */
    public CardFactory(Vocabulary terms, ConceptMapIndex conceptMaps, EngineTexts texts, Map<String, String> linkUrls) {
        this.terms = terms;
        this.conceptMaps = conceptMaps;
        this.texts = texts;
        this.linkUrls = Map.copyOf(linkUrls);
    }

    CardResult card(RuleDefinition rule, RuleCase ruleCase, RuleContext context, Findings found) {
        Language language = context.language();
        Map<String, String> values = new HashMap<>(found.placeholders());
        Optional<StarterPackChoice> choice = starterPackChoice(rule, ruleCase, context);
        choice.ifPresent(c -> values.putAll(starterPackValues(rule, c, context, values)));
        values.put(
                "caseNote", ruleCase.note() == null ? "" : fill(ruleCase.note().in(language), values));
        List<CardResult.Suggestion> suggestions = new ArrayList<>();
        for (SuggestionDefinition definition : rule.suggestions()) {
            if (definition.appliesTo(ruleCase)) {
                suggestion(definition, context, found, values, choice)
                        .ifPresent(a -> suggestions.add(new CardResult.Suggestion(rule.id(), a)));
            }
        }
        return new CardResult(
                List.of(rule.id()),
                context.draft() == null ? null : context.draft().id(),
                rule.indicator(),
                fill(rule.summary().in(language), values),
                fill(rule.detail().in(language), values).strip(),
                rule.source().label().in(language),
                rule.source().url(),
                suggestions,
                rule.overrideReasons().stream()
                        .map(r -> new CardResult.OverrideReason(
                                r.code(), r.display().in(language)))
                        .toList(),
                rule.links().stream()
                        .filter(l -> l.appliesTo(ruleCase))
                        .map(l -> new CardResult.Link(
                                rule.id(),
                                fill(l.label().in(language), values),
                                l.configKey() == null ? l.url() : linkUrls.getOrDefault(l.configKey(), l.url())))
                        .toList());
    }

    private Optional<SuggestedAction> suggestion(
            SuggestionDefinition definition,
            RuleContext context,
            Findings found,
            Map<String, String> values,
            Optional<StarterPackChoice> choice) {
        Language language = context.language();
        String patientId = context.facts().patientId();
        String reason = found.diagnosis() == null ? null : found.diagnosis().reference();
        if (definition instanceof SuggestionDefinition.CreateServiceRequest create) {
            String label = fill(create.label().in(language), values);
            String text = create.text() == null ? null : fill(create.text().in(language), values);
            Coded code = create.code();
            if (code != null && !terms.verified(code)) {
                // cds-rules.md v2: an unverified code is never ordered; the request goes as text and says why
                Map<String, String> note = Map.of("label", label, "code", code.code());
                label = fill(texts.unverifiedCode().in(language), note);
                text = text == null ? label : text;
                code = null;
            }
            code = code == null ? null : terms.withOfficialDisplay(code);
            return Optional.of(new SuggestedAction.CreateServiceRequest(
                    label, code, text, patientId, create.reasonFrom() == null ? null : reason));
        }
        if (definition instanceof SuggestionDefinition.CreateCarePlan create) {
            Coded drug = create.goal() == null || context.draft() == null
                    ? null
                    : context.draft().medication().stream()
                            .filter(c -> CodeHierarchy.ATC.equals(c.system()))
                            .findFirst()
                            .map(c -> new Coded(c.system(), c.code(), context.drugName(List.of(c))))
                            .orElse(null);
            return Optional.of(new SuggestedAction.CreateCarePlan(
                    fill(create.label().in(language), values),
                    terms.withOfficialDisplay(create.category()),
                    create.text() == null ? null : fill(create.text().in(language), values),
                    patientId,
                    create.reasonFrom() == null ? null : reason,
                    drug,
                    create.goal() == null ? null : fill(create.goal().in(language), values)));
        }
        if (definition instanceof SuggestionDefinition.UpdateDraftToStarterPack update && choice.isPresent()) {
            if (choice.get() instanceof SameStrength same) {
                return Optional.of(updateTo(same.pack(), fill(update.label().in(language), values), context));
            }
            if (choice.get() instanceof OtherStrength other) {
                return Optional.of(
                        updateTo(other.pack(), fill(update.otherStrengthLabel().in(language), values), context));
            }
        }
        return Optional.empty();
    }

    private Optional<StarterPackChoice> starterPackChoice(RuleDefinition rule, RuleCase ruleCase, RuleContext c) {
        boolean proposesPack =
                rule.suggestions().stream().anyMatch(s -> s instanceof SuggestionDefinition.UpdateDraftToStarterPack);
        Object limit = ruleCase.params().get("limit");
        if (!proposesPack || c.draft() == null || !(limit instanceof Number number)) {
            return Optional.empty();
        }
        return Optional.of(StarterPackChoice.choose(terms.products(), c.draft(), number.intValue()));
    }

    /** {@code {starterPack}} says which pack, that the strength changes, which packs exist, or that none does. */
    private Map<String, String> starterPackValues(
            RuleDefinition rule, StarterPackChoice choice, RuleContext c, Map<String, String> values) {
        Language language = c.language();
        Map<String, String> own = new HashMap<>(values);
        String message;
        if (choice instanceof SameStrength same) {
            own.putAll(packValues(same.pack(), language));
            message = "starterPack";
        } else if (choice instanceof OtherStrength other) {
            own.putAll(packValues(other.pack(), language));
            own.put("prescribedStrength", strength(other.prescribed().strengthMg(), language));
            message = "otherStrength";
        } else if (choice instanceof UnknownStrength unknown) {
            own.put(
                    "packs",
                    unknown.options().stream()
                            .map(o -> "- " + productName(o, language) + ", " + o.packSize() + " st")
                            .collect(Collectors.joining("\n")));
            message = "unknownStrength";
        } else {
            message = "noStarterPack";
        }
        LocalizedText text = rule.messages().get(message);
        own.put("starterPack", text == null ? "" : fill(text.in(language), own));
        return own;
    }

    private Map<String, String> packValues(StarterPack pack, Language language) {
        return Map.of(
                "pack", productName(pack, language),
                "packSize", Integer.toString(pack.packSize()),
                "packStrength", strength(pack.product().strengthMg(), language));
    }

    private String productName(StarterPack pack, Language language) {
        return terms.names()
                .name(List.of(Coded.of(ProductCatalogue.SYSTEM, pack.product().code())), language);
    }

    private static String strength(BigDecimal mg, Language language) {
        String plain = mg.stripTrailingZeros().toPlainString();
        return (language == Language.SV ? plain.replace('.', ',') : plain) + " mg";
    }

    /**
     * The updated draft's medication names only the pack's product: its ATC and product codes, and a foreign
     * coding (RxNorm) only when the ConceptMap maps it to that same product.
     */
    private SuggestedAction updateTo(StarterPack pack, String label, RuleContext c) {
        List<Coded> medication = new ArrayList<>();
        medication.add(new Coded(
                CodeHierarchy.ATC,
                pack.product().atc(),
                c.drugName(List.of(Coded.of(CodeHierarchy.ATC, pack.product().atc())))));
        medication.add(new Coded(
                ProductCatalogue.SYSTEM,
                pack.product().code(),
                pack.product().concept().display()));
        c.draft().medication().stream()
                .filter(coded ->
                        !CodeHierarchy.ATC.equals(coded.system()) && !ProductCatalogue.SYSTEM.equals(coded.system()))
                .filter(coded -> conceptMaps.translate(coded.system(), coded.code()).stream()
                        .anyMatch(t -> ProductCatalogue.SYSTEM.equals(t.system())
                                && pack.product().code().equals(t.code())))
                .forEach(medication::add);
        return new SuggestedAction.UpdateDraftToPack(
                label, c.draft().id(), medication, BigDecimal.valueOf(pack.packSize()));
    }

    static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    filled, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
