package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.util.List;

/** A Condition of the patient: {@code reference} is {@code Condition/id}, {@code recorded} its recordedDate. */
public record Diagnosis(String reference, List<Coded> codes, boolean active, LocalDate recorded) {

    public Diagnosis {
        codes = List.copyOf(codes);
    }
}
