package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.util.List;

/** A Procedure (KVÅ action) of the patient. */
public record ProcedureDone(String reference, List<Coded> codes, String status, LocalDate performed) {

    public ProcedureDone {
        codes = List.copyOf(codes);
    }
}
