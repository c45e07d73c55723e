package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * A Condition of the patient that counts (refuted and entered-in-error ones never reach the rules):
 * {@code reference} is {@code Condition/id}, {@code recorded} its recordedDate, codes with ICD-10-SE dots.
 */
public record Diagnosis(String reference, List<Coded> codes, boolean active, LocalDate recorded) {

    public Diagnosis {
        codes = List.copyOf(codes);
    }

    /** Active, or recorded on or after {@code since} (a look-back window; null = active only). */
    public boolean activeOrRecordedSince(LocalDate since) {
        return active || (since != null && recorded != null && !recorded.isBefore(since));
    }
}
