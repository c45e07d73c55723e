package se.primarycare.cds.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A card the rules decided to show, with texts already filled in the request's language. The hooks layer
 * turns it into CDS Hooks JSON (uuids, FHIR resources for the actions).
 *
 * @param rules every rule the card speaks for, its own first (more than one when the alert budget merged
 *     lower-level advice into it)
 * @param draftId the draft order it is about (null on patient-view)
 */
public record CardResult(
        List<String> rules,
        String draftId,
        Indicator indicator,
        String summary,
        String detail,
        String sourceLabel,
        String sourceUrl,
        List<Suggestion> suggestions,
        List<OverrideReason> overrideReasons,
        List<Link> links) {

    public CardResult {
        rules = List.copyOf(rules);
        suggestions = List.copyOf(suggestions);
        overrideReasons = List.copyOf(overrideReasons);
        links = List.copyOf(links);
    }

    /** The rule whose card this is ({@code source.topic}). */
    public String ruleId() {
        return rules.get(0);
    }

    /** A suggestion and the rule it comes from (kept through merging, for feedback per rule). */
    public record Suggestion(String ruleId, SuggestedAction action) {}

    /** A reason to decline the card, as a Coding of the rule's override-reason codes. */
    public record OverrideReason(String code, String display) {}

    /** A link for the clinician or the patient, and the rule that gives it. */
    public record Link(String ruleId, String label, String url) {}

    /**
     * This card with {@code other}'s advice as a section of its own: its summary as a heading and its detail,
     * suggestions and links appended, override reasons added when new. Nothing of either card is lost.
     */
    public CardResult absorb(CardResult other) {
        List<String> allRules = new ArrayList<>(rules);
        other.rules.stream().filter(r -> !allRules.contains(r)).forEach(allRules::add);
        List<Suggestion> allSuggestions = new ArrayList<>(suggestions);
        allSuggestions.addAll(other.suggestions);
        List<Link> allLinks = new ArrayList<>(links);
        allLinks.addAll(other.links);
        Map<String, OverrideReason> reasons = new LinkedHashMap<>();
        overrideReasons.forEach(r -> reasons.put(r.code(), r));
        other.overrideReasons.forEach(r -> reasons.putIfAbsent(r.code(), r));
        return new CardResult(
                allRules,
                draftId,
                indicator,
                summary,
                detail + "\n\n---\n\n**" + other.summary + "**\n\n" + other.detail + "\n\n[" + other.sourceLabel + "]("
                        + other.sourceUrl + ")",
                sourceLabel,
                sourceUrl,
                allSuggestions,
                List.copyOf(reasons.values()),
                allLinks);
    }
}
