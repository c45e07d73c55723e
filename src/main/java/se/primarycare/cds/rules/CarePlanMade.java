package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.util.List;

/** A CarePlan of the patient, e.g. a rehabilitation plan. */
public record CarePlanMade(String reference, List<Coded> categories, String status, LocalDate created) {

    public CarePlanMade {
        categories = List.copyOf(categories);
    }
}
