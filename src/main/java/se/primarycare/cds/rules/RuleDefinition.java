package se.primarycare.cds.rules;

import java.util.List;
import java.util.Map;

/**
 * One rule of {@code cds-services/<id>.json}: when it fires (one or more cases, each a list of conditions that
 * must all hold), and the card it gives. Loaded and checked at start by {@link RuleLoader}.
 *
 * @param hooks the CDS hooks the rule runs on ({@code order-select}, {@code order-sign}, {@code patient-view})
 * @param indicator {@code info}, {@code warning} or {@code critical}
 * @param cases alternatives: the first case whose conditions all hold fires; its params fill the texts
 * @param messages named texts the engine fills in for special placeholders (e.g. {@code starterPack},
 *     {@code noStarterPack})
 */
public record RuleDefinition(
        String id,
        String title,
        List<String> hooks,
        String indicator,
        RuleSource source,
        List<RuleCase> cases,
        LocalizedText summary,
        LocalizedText detail,
        List<SuggestionDefinition> suggestions,
        List<OverrideReasonDefinition> overrideReasons,
        List<LinkDefinition> links,
        Map<String, LocalizedText> messages) {

    public RuleDefinition {
        messages = messages == null ? Map.of() : Map.copyOf(messages);
        hooks = List.copyOf(hooks);
        cases = List.copyOf(cases);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** Where the advice comes from: shown on the card as {@code source.label} / {@code source.url}. */
    public record RuleSource(LocalizedText label, String url) {}

    /** One way the rule can fire, with the values its texts and suggestions use. */
    public record RuleCase(Map<String, Object> params, List<Condition> when) {

        public RuleCase {
            params = params == null ? Map.of() : Map.copyOf(params);
            when = List.copyOf(when);
        }
    }

    /** A reason a clinician may give for not following the card. */
    public record OverrideReasonDefinition(String code, LocalizedText display) {}

    /** A link on the card (e.g. a patient leaflet). */
    public record LinkDefinition(LocalizedText label, String url) {}

    /**
     * A suggestion: {@code create-service-request} (KVÅ {@code code}, or {@code text} only), {@code
     * create-care-plan} (a draft plan of {@code category}), or {@code update-draft-to-starter-pack}.
     *
     * @param reasonFrom which matched fact the new resource refers to: {@code diagnosis} or {@code episode}
     */
    public record SuggestionDefinition(
            String type, LocalizedText label, Coded code, LocalizedText text, Coded category, String reasonFrom) {}
}
