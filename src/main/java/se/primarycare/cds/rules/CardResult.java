package se.primarycare.cds.rules;

import java.util.List;

/**
 * A card the rules decided to show, with texts already filled in the request's language. The hooks layer
 * turns it into CDS Hooks JSON (uuids, FHIR resources for the actions).
 */
public record CardResult(
        String ruleId,
        String indicator,
        String summary,
        String detail,
        String sourceLabel,
        String sourceUrl,
        List<SuggestedAction> suggestions,
        List<OverrideReason> overrideReasons,
        List<Link> links) {

    public CardResult {
        suggestions = List.copyOf(suggestions);
        overrideReasons = List.copyOf(overrideReasons);
        links = List.copyOf(links);
    }

    /** A reason to decline the card, as a Coding of the rule's override-reason codes. */
    public record OverrideReason(String code, String display) {}

    /** A link for the clinician or the patient. */
    public record Link(String label, String url) {}
}
