package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.util.List;

/** A Procedure (KVÅ action) of the patient. */
public record ProcedureDone(String reference, List<Coded> codes, String status, LocalDate performed) {

    public ProcedureDone {
        codes = List.copyOf(codes);
    }

    /** Completed, performed on a day from {@code from} to {@code to} (both inclusive). */
    public boolean completedBetween(LocalDate from, LocalDate to) {
        return "completed".equals(status) && performed != null && !performed.isBefore(from) && !performed.isAfter(to);
    }
}
