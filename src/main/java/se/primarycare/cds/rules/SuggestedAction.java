package se.primarycare.cds.rules;

import java.math.BigDecimal;

/** What a card proposes; the hooks layer writes it as a CDS Hooks suggestion with a FHIR resource. */
public sealed interface SuggestedAction {

    String label();

    /**
     * Create a draft ServiceRequest (proposal) for KVÅ {@code code} or, when {@code code} is null, for {@code
     * text}; {@code reasonReference} is the Condition it is for (may be null).
     */
    record CreateServiceRequest(String label, Coded code, String text, String patientId, String reasonReference)
            implements SuggestedAction {}

    /** Create a draft CarePlan of {@code category}, addressing {@code addresses} (may be null). */
    record CreateCarePlan(String label, Coded category, String title, String patientId, String addresses)
            implements SuggestedAction {}

    /** Change the draft order {@code draftId} to {@code packSize} tablets of {@code product}, no repeats. */
    record UpdateDraftToPack(String label, String draftId, Coded product, BigDecimal packSize)
            implements SuggestedAction {}
}
