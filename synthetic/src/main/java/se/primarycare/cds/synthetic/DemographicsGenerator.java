package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.util.Set;

/** Draws who the patient is: age, sex, identity number, name, unit and whether the listing is active. */
final class DemographicsGenerator {

    /** Patients who moved or died but are still in the EHR: they must not count as listed. */
    static final double INACTIVE_SHARE = 0.03;
    /** People without a personnummer yet (newly arrived, temporary workers) get a samordningsnummer. */
    static final double SAMORDNINGSNUMMER_SHARE = 0.005;

    private final GeneratorSettings settings;
    private final WeightedChoice<CareUnit> units;
    /** Numbers already issued in this population; only membership is asked, so hash order does not matter. */
    private final Set<String> issuedNumbers;

    DemographicsGenerator(GeneratorSettings settings, WeightedChoice<CareUnit> units, Set<String> issuedNumbers) {
        this.settings = settings;
        this.units = units;
        this.issuedNumbers = issuedNumbers;
    }

    PatientRecord generate(RandomDraws draws, RandomDraws ids) {
        int age = AgeDistribution.drawAge(draws);
        // Birth date so that the age on the reference date is exactly `age`.
        LocalDate birthDate = settings.referenceDate().minusYears(age).minusDays(draws.between(0, 364));
        boolean male = draws.chance(0.5);
        boolean samordning = draws.chance(SAMORDNINGSNUMMER_SHARE);
        Personnummer number;
        do {
            number = Personnummer.generate(birthDate, male, samordning, draws.random());
        } while (!issuedNumbers.add(number.value()));

        CareUnit unit = units.pick(draws);
        boolean active = !draws.chance(INACTIVE_SHARE);
        PatientRecord record = new PatientRecord(ids, birthDate, male, unit, settings);
        record.addPatient(FhirResourceFactory.patient(
                number, SwedishNames.family(draws), SwedishNames.given(male, draws), unit.reference(), active));
        return record;
    }
}
