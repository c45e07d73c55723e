package se.primarycare.cds.synthetic;

import java.util.Set;

/**
 * One patient's complete history, in the order the facts depend on each other: who they are, what they were
 * diagnosed with, what they were prescribed, which procedures they had, and their sick leave.
 */
final class PatientHistoryGenerator {

    private final DemographicsGenerator demographics;
    private final DiagnosisGenerator diagnoses = new DiagnosisGenerator();
    private final PrescriptionGenerator prescriptions = new PrescriptionGenerator();
    private final ProcedureGenerator procedures = new ProcedureGenerator();
    private final SickLeaveGenerator sickLeave = new SickLeaveGenerator();

    PatientHistoryGenerator(GeneratorSettings settings, WeightedChoice<CareUnit> units, Set<String> issuedNumbers) {
        this.demographics = new DemographicsGenerator(settings, units, issuedNumbers);
    }

    /**
     * @param draws this patient's own stream, split from the population stream in patient order; ids come
     *     from a stream split off it first, so adding a draw to the clinical model does not reshuffle ids
     *     of unrelated resources more than necessary
     */
    PatientRecord generate(RandomDraws draws) {
        RandomDraws ids = draws.split();
        PatientRecord record = demographics.generate(draws, ids);
        diagnoses.generate(record, draws);
        prescriptions.generate(record, draws);
        procedures.generate(record, draws);
        sickLeave.generate(record, draws);
        return record;
    }
}
