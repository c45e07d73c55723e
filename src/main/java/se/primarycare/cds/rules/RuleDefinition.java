package se.primarycare.cds.rules;

import java.util.List;
import java.util.Map;

/**
 * One rule of {@code cds-services/<id>.json}: when it fires (one or more cases, each a list of conditions that
 * must all hold), and the card it gives. Loaded and checked at start by {@link RuleLoader}.
 *
 * @param hooks the CDS hooks the rule runs on ({@code order-select}, {@code order-sign}, {@code patient-view})
 * @param cases alternatives: the first case whose conditions all hold fires; its params fill the texts
 * @param messages named texts the engine fills in for special placeholders (e.g. {@code starterPack})
 * @param mergeInto under the alert budget, the rules whose card this rule's advice belongs with, in order
 */
public record RuleDefinition(
        String id,
        String title,
        List<String> hooks,
        Indicator indicator,
        RuleSource source,
        List<RuleCase> cases,
        LocalizedText summary,
        LocalizedText detail,
        List<SuggestionDefinition> suggestions,
        List<OverrideReasonDefinition> overrideReasons,
        List<LinkDefinition> links,
        Map<String, LocalizedText> messages,
        List<String> mergeInto) {

    public RuleDefinition {
        messages = messages == null ? Map.of() : Map.copyOf(messages);
        hooks = List.copyOf(hooks);
        cases = List.copyOf(cases);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        links = links == null ? List.of() : List.copyOf(links);
        mergeInto = mergeInto == null ? List.of() : List.copyOf(mergeInto);
    }

    /** Where the advice comes from: shown on the card as {@code source.label} / {@code source.url}. */
    public record RuleSource(LocalizedText label, String url) {}

    /**
     * One way the rule can fire, with the values its texts and suggestions use.
     *
     * @param name lets suggestions and links apply to some cases only (e.g. {@code renewal}, {@code opioid})
     * @param note a case-specific paragraph, shown where the texts say {@code {caseNote}}
     */
    public record RuleCase(String name, Map<String, Object> params, LocalizedText note, List<Condition> when) {

        public RuleCase {
            params = params == null ? Map.of() : Map.copyOf(params);
            when = List.copyOf(when);
        }
    }

    /** A reason a clinician may give for not following the card. */
    public record OverrideReasonDefinition(String code, LocalizedText display) {}

    /**
     * A link on the card. {@code url} is the default; when {@code configKey} is set, the operator's value of
     * {@code primarycare.cds.links.<configKey>} replaces it (e.g. the region's own patient leaflet).
     *
     * @param cases the cases it belongs to (empty = all)
     */
    public record LinkDefinition(LocalizedText label, String url, String configKey, List<String> cases) {

        public LinkDefinition {
            cases = cases == null ? List.of() : List.copyOf(cases);
        }

        boolean appliesTo(RuleCase ruleCase) {
            return cases.isEmpty() || cases.contains(ruleCase.name());
        }
    }
}
