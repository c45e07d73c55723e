package se.primarycare.cds.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A suggestion of a rule file, by {@code type}. Each may be limited to some of the rule's cases ({@code cases},
 * empty = all); {@code reasonFrom: "diagnosis"} points the new resource at the diagnosis the card is about.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SuggestionDefinition.CreateServiceRequest.class, name = "create-service-request"),
    @JsonSubTypes.Type(value = SuggestionDefinition.CreateCarePlan.class, name = "create-care-plan"),
    @JsonSubTypes.Type(
            value = SuggestionDefinition.UpdateDraftToStarterPack.class,
            name = "update-draft-to-starter-pack")
})
public sealed interface SuggestionDefinition {

    List<String> cases();

    default boolean appliesTo(RuleDefinition.RuleCase ruleCase) {
        return cases() == null || cases().isEmpty() || cases().contains(ruleCase.name());
    }

    /** A draft ServiceRequest (proposal) for KVÅ {@code code}, or for {@code text} when there is no code. */
    record CreateServiceRequest(
            LocalizedText label, Coded code, LocalizedText text, String reasonFrom, List<String> cases)
            implements SuggestionDefinition {}

    /**
     * A draft CarePlan of {@code category}; with {@code goal}, an activity naming the draft's drug (ATC) and the
     * goal (e.g. a tapering plan for the drug of the order).
     */
    record CreateCarePlan(
            LocalizedText label,
            Coded category,
            LocalizedText text,
            LocalizedText goal,
            String reasonFrom,
            List<String> cases)
            implements SuggestionDefinition {}

    /**
     * Update the draft to a starter pack (cds-rules.md v2, "Never change the strength silently"): {@code label}
     * when the strength stays, {@code otherStrengthLabel} when only another strength has a small enough pack.
     */
    record UpdateDraftToStarterPack(LocalizedText label, LocalizedText otherStrengthLabel, List<String> cases)
            implements SuggestionDefinition {}
}
