package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything that determines a synthetic population. The same settings always give the same population, which
 * is why there is no "now": all dates are placed relative to {@link #referenceDate()}.
 *
 * @param patients number of patients
 * @param seed seed of the single {@link java.util.SplittableRandom} all randomness is split from
 * @param units number of vårdcentraler (Organizations); see {@link #defaultUnits(int)}
 * @param referenceDate "today" of the data set; history covers the three years ending on it
 * @param patientsPerBundle patients per transaction Bundle (a bundle holds all resources of its patients)
 */
public record GeneratorSettings(int patients, long seed, int units, LocalDate referenceDate, int patientsPerBundle) {

    public static final LocalDate DEFAULT_REFERENCE_DATE = LocalDate.of(2026, 6, 30);
    public static final int DEFAULT_PATIENTS_PER_BUNDLE = 100;
    public static final long DEFAULT_SEED = 20260630L;

    public GeneratorSettings {
        Objects.requireNonNull(referenceDate, "referenceDate");
        if (patients < 1) {
            throw new IllegalArgumentException("patients must be at least 1, was " + patients);
        }
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1, was " + units);
        }
        if (patientsPerBundle < 1) {
            throw new IllegalArgumentException("patientsPerBundle must be at least 1, was " + patientsPerBundle);
        }
    }

    /** Defaults for everything but size and seed: {@link #defaultUnits(int)} units, reference date 2026-06-30. */
    public static GeneratorSettings of(int patients, long seed) {
        return new GeneratorSettings(
                patients, seed, defaultUnits(patients), DEFAULT_REFERENCE_DATE, DEFAULT_PATIENTS_PER_BUNDLE);
    }

    /**
     * A Swedish vårdcentral typically lists 5,000–10,000 patients; one unit per 5,000 keeps units realistic,
     * and at least two make per-unit comparisons (the seeds compare units) possible even for small sets.
     */
    public static int defaultUnits(int patients) {
        return Math.max(2, patients / 5000);
    }

    public GeneratorSettings withUnits(int newUnits) {
        return new GeneratorSettings(patients, seed, newUnits, referenceDate, patientsPerBundle);
    }

    public GeneratorSettings withReferenceDate(LocalDate newReferenceDate) {
        return new GeneratorSettings(patients, seed, units, newReferenceDate, patientsPerBundle);
    }

    public GeneratorSettings withPatientsPerBundle(int newPatientsPerBundle) {
        return new GeneratorSettings(patients, seed, units, referenceDate, newPatientsPerBundle);
    }

    /** First day of the generated history: the three years ending on the reference date, inclusive. */
    public LocalDate historyStart() {
        return referenceDate.minusYears(3).plusDays(1);
    }
}
