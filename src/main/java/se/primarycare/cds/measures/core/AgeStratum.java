package se.primarycare.cds.measures.core;

import java.time.LocalDate;

/**
 * The age strata of indicators.md: under 40 or 40 and over on periodEnd. One rule for the core and for the
 * database's grouped counts, so both put a patient born on a leap day in the same stratum.
 */
public final class AgeStratum {

    public static final String YOUNG = "<40";
    public static final String OLDER = ">=40";
    private static final int YEARS = 40;

    private AgeStratum() {}

    /** Patients born after this date are under 40 on {@code on}. */
    public static LocalDate youngBornAfter(LocalDate on) {
        return on.minusYears(YEARS);
    }

    /** The stratum on {@code on}, or null when the birth date is unknown. */
    public static String of(LocalDate birthDate, LocalDate on) {
        if (birthDate == null) {
            return null;
        }
        return birthDate.isAfter(youngBornAfter(on)) ? YOUNG : OLDER;
    }
}
