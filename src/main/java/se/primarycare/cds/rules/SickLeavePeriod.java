package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.util.List;

/** One sick-leave certificate period (inclusive dates) and the Conditions it is for. */
public record SickLeavePeriod(LocalDate start, LocalDate end, List<String> focus) {

    public SickLeavePeriod {
        focus = List.copyOf(focus);
    }
}
