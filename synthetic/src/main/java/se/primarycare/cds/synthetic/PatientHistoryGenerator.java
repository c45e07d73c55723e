package se.primarycare.cds.synthetic;

import java.util.Set;

/**
 * One patient's complete history, in the order the facts depend on each other: who they are, what they were
 * diagnosed with, what they were prescribed, which procedures they had, their sick leave, and then their PAL and the
 * follow-ups (medication reviews and plans, team interventions) that build on all of it.
 */
final class PatientHistoryGenerator {

    private final DemographicsGenerator demographics;
    private final DiagnosisGenerator diagnoses = new DiagnosisGenerator();
    private final PrescriptionGenerator prescriptions = new PrescriptionGenerator();
    private final ProcedureGenerator procedures = new ProcedureGenerator();
    private final SickLeaveGenerator sickLeave = new SickLeaveGenerator();
    private final FollowUpGenerator followUps;

    PatientHistoryGenerator(
            GeneratorSettings settings,
            WeightedChoice<CareUnit> units,
            RegularDoctors doctors,
            Set<String> issuedNumbers) {
        this.demographics = new DemographicsGenerator(settings, units, issuedNumbers);
        this.followUps = new FollowUpGenerator(doctors);
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
        // Split last: the PAL and the follow-ups draw from their own stream, so they leave every draw above alone.
        followUps.generate(record, draws.split());
        return record;
    }
}
