package se.primarycare.cds.rules;

import java.math.BigDecimal;
import java.util.List;

/** What a card proposes; the hooks layer writes it as a CDS Hooks suggestion with a FHIR resource. */
public sealed interface SuggestedAction {

    String label();

    /**
     * Create a draft ServiceRequest (proposal) for {@code code} (a verified code) or, when {@code code} is null,
     * for {@code text}; {@code reasonReference} is the Condition it is for (may be null).
     */
    record CreateServiceRequest(String label, Coded code, String text, String patientId, String reasonReference)
            implements SuggestedAction {}

    /**
     * Create a draft CarePlan of {@code category} titled {@code title}, addressing {@code addresses} (may be
     * null); with {@code medication}, one planned activity for that drug with {@code goal} as its description.
     */
    record CreateCarePlan(
            String label,
            Coded category,
            String title,
            String patientId,
            String addresses,
            Coded medication,
            String goal)
            implements SuggestedAction {}

    /**
     * Change the draft order {@code draftId} to {@code packSize} tablets, no repeats, its medication coded exactly
     * as {@code medication} (ATC and product of the pack, and foreign codings that name that same product).
     */
    record UpdateDraftToPack(String label, String draftId, List<Coded> medication, BigDecimal packSize)
            implements SuggestedAction {

        public UpdateDraftToPack {
            medication = List.copyOf(medication);
        }
    }
}
