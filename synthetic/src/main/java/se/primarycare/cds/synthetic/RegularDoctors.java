package se.primarycare.cds.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The PALs (fast läkarkontakt, data-contract.md version 2) of each unit, and which one a patient gets.
 *
 * <p>Each unit has {@value #MIN_PER_UNIT}–{@value #MAX_PER_UNIT} doctors. Like the units themselves, they do not
 * depend on the population's seed: unit i always has the same doctors (same ids, HSA-ids and names), so populations
 * of different seeds loaded into one server update the same Practitioners instead of renaming them. Ids and HSA-ids
 * follow the unit's: unit {@code vc-bankeryd} with HSA-id {@code SE2321000065-1001} has doctors
 * {@code pal-bankeryd-1} … with HSA-ids {@code SE2321000065-L10011} … (the unit's number after an L, then the
 * doctor's number).
 */
public final class RegularDoctors {

    static final int MIN_PER_UNIT = 2;
    static final int MAX_PER_UNIT = 6;
    /** Patients without a named PAL (new on the list, or the unit lacks doctors): about 7 %. */
    static final double WITHOUT_PAL_SHARE = 0.07;

    /** Seed of the doctors' own streams (one per unit index), independent of the population seed. */
    private static final long DOCTOR_SEED = 0x5041_4C00L;

    private final Map<String, WeightedChoice<RegularDoctor>> byUnit = new LinkedHashMap<>();
    private final List<RegularDoctor> all = new ArrayList<>();

    private RegularDoctors() {}

    public static RegularDoctors create(List<CareUnit> units) {
        RegularDoctors doctors = new RegularDoctors();
        for (int i = 0; i < units.size(); i++) {
            CareUnit unit = units.get(i);
            RandomDraws draws = new RandomDraws(new SplittableRandom(DOCTOR_SEED + i));
            WeightedChoice<RegularDoctor> choice = WeightedChoice.of();
            int count = draws.between(MIN_PER_UNIT, MAX_PER_UNIT);
            for (int n = 1; n <= count; n++) {
                boolean male = draws.chance(0.5);
                RegularDoctor doctor = new RegularDoctor(
                        unit.id().replaceFirst("^vc-", "pal-") + "-" + n,
                        hsaId(unit, n),
                        SwedishNames.family(draws),
                        SwedishNames.given(male, draws),
                        male,
                        unit,
                        draws.uniform(0.5, 1.5));
                choice.add(doctor.listWeight(), doctor);
                doctors.all.add(doctor);
            }
            doctors.byUnit.put(unit.id(), choice);
        }
        return doctors;
    }

    /** {@code SE2321000065-1001}, doctor 3 → {@code SE2321000065-L10013}. */
    static String hsaId(CareUnit unit, int number) {
        int dash = unit.hsaId().indexOf('-');
        return unit.hsaId().substring(0, dash + 1) + "L" + unit.hsaId().substring(dash + 1) + number;
    }

    /** All doctors, unit by unit in unit order. */
    public List<RegularDoctor> all() {
        return List.copyOf(all);
    }

    /** The patient's PAL at their unit, or null for the patients without one. */
    RegularDoctor choose(CareUnit unit, RandomDraws draws) {
        if (draws.chance(WITHOUT_PAL_SHARE)) {
            return null;
        }
        return byUnit.get(unit.id()).pick(draws);
    }
}
