package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.util.List;

/** A ServiceRequest of the patient (e.g. a medication review that was ordered), with its authoredOn day. */
public record ServiceRequestMade(String reference, List<Coded> codes, String status, LocalDate authored) {

    public ServiceRequestMade {
        codes = List.copyOf(codes);
    }
}
