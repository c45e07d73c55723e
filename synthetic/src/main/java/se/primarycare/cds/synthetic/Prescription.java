package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;

/**
 * A prescription decided by the generator before it becomes a MedicationRequest.
 *
 * @param withProductCode false for the few requests written with the ATC code only (data-quality figures)
 * @param quantity units (tablets/capsules) per dispensing, written as {@code dispenseRequest.quantity} "st"
 * @param repeats {@code numberOfRepeatsAllowed} (uttag after the first)
 * @param reasonReference urn:uuid of the Condition it is for, or null
 */
public record Prescription(
        Drug drug,
        boolean withProductCode,
        LocalDate authoredOn,
        int quantity,
        int repeats,
        MedicationRequestStatus status,
        String dosageText,
        String reasonReference) {}
