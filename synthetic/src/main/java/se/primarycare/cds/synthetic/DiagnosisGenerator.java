package se.primarycare.cds.synthetic;

import java.time.LocalDate;

/**
 * Records ICD-10-SE diagnoses in the three-year history. Anxiety (F40–F48) is the centre of the indicators
 * (Ån07, Ån09), so its rate is calibrated to a target; the other diagnoses exist to give sick leave,
 * hypnotics and antidepressants a reason and to make the F chapter wider than the anxiety block.
 */
final class DiagnosisGenerator {

    /**
     * Share of patients with an anxiety diagnosis recorded in the three years. The seed unit reported 654
     * patients with F40–F48 in one year and 481 in Ån07's 24-month denominator; for a unit of 5,000–8,000
     * listed that is roughly 8–12 %; three years give the upper end.
     */
    static final double ANXIETY_TARGET = 0.12;

    private static final double MEAN_ANXIETY_FACTOR = AgeDistribution.mean(DiagnosisGenerator::anxietyAgeFactor);

    /** Codes as a GP records them: unspecified and GAD dominate, exhaustion disorder (F43.8A) is common in Sweden. */
    private static final WeightedChoice<String> ANXIETY_CODES = WeightedChoice.<String>of()
            .add(24, "F41.9")
            .add(14, "F41.1")
            .add(14, "F43.2")
            .add(10, "F43.8A")
            .add(8, "F41.0")
            .add(5, "F43.0")
            .add(5, "F41.2")
            .add(3, "F43.9")
            .add(3, "F40.1")
            .add(3, "F43.1")
            .add(3, "F41.8")
            .add(2, "F42.2")
            .add(2, "F40.0")
            .add(2, "F45.1")
            .add(1, "F48.0")
            .add(0.5, "F40.9")
            .add(0.5, "F40.2B");

    /** A later, more specific anxiety diagnosis (the unspecified one is often refined). */
    private static final WeightedChoice<String> REFINED_ANXIETY_CODES = WeightedChoice.<String>of()
            .add(35, "F41.1")
            .add(25, "F43.8A")
            .add(20, "F41.0")
            .add(20, "F43.2");

    private static final WeightedChoice<String> DEPRESSION_CODES = WeightedChoice.<String>of()
            .add(15, "F32.0")
            .add(25, "F32.1")
            .add(25, "F32.9")
            .add(4, "F32.2")
            .add(8, "F33.0")
            .add(12, "F33.1")
            .add(3, "F33.4")
            .add(8, "F33.9");

    void generate(PatientRecord record, RandomDraws draws) {
        boolean anxiety = draws.chance(anxietyProbability(record.age(), record.isMale()));
        if (anxiety) {
            recordAnxiety(record, draws);
        }
        boolean depression = record.age() >= 15 && draws.chance(anxiety ? 0.25 : 0.035 * (record.isMale() ? 0.7 : 1.3));
        if (depression) {
            recordDepression(record, draws);
        }
        if (record.age() >= 18 && draws.chance(0.03 * (record.age() >= 65 ? 2.0 : 1.0) * (anxiety ? 1.5 : 1.0))) {
            recordSomewhen(record, draws, draws.chance(0.6) ? "F51.0" : "G47.0", record.firstDayAged(18));
        }
        // Utbrändhet (Z73.0) is not in the F chapter: its sick leave is a non-psychiatric episode.
        if (record.age() >= 25 && record.age() <= 64 && draws.chance(0.01)) {
            recordSomewhen(record, draws, "Z73.0", record.firstDayAged(25));
        }
        if (record.age() >= 18 && draws.chance(0.008)) {
            recordSomewhen(record, draws, "F10", record.firstDayAged(18));
        }
    }

    /** Age and sex pattern of anxiety in primary care: young adults and women most; scaled to the target. */
    static double anxietyProbability(int age, boolean male) {
        return ANXIETY_TARGET * anxietyAgeFactor(age) * (male ? 0.7 : 1.3) / MEAN_ANXIETY_FACTOR;
    }

    static double anxietyAgeFactor(int age) {
        if (age < 6) {
            return 0;
        } else if (age < 12) {
            return 0.15;
        } else if (age < 18) {
            return 0.8;
        } else if (age < 30) {
            return 1.6;
        } else if (age < 45) {
            return 1.5;
        } else if (age < 65) {
            return 1.0;
        } else if (age < 80) {
            return 0.6;
        }
        return 0.45;
    }

    private void recordAnxiety(PatientRecord record, RandomDraws draws) {
        String code = ANXIETY_CODES.pick(draws);
        if (code.equals("F43.8A") && record.age() < 20) {
            code = "F41.9"; // exhaustion disorder is a diagnosis of working adults
        }
        LocalDate first = draws.dateBetween(record.firstDayAged(6), record.referenceDate());
        if (first == null) {
            return;
        }
        // 18 % get a second anxiety diagnosis: inside 12 months it is not a "new" diagnosis for Ån09.
        LocalDate second = draws.chance(0.18) ? first.plusDays(draws.between(60, 700)) : null;
        boolean hasSecond = second != null && !second.isAfter(record.referenceDate());
        recordOn(record, draws, code, first, hasSecond ? 0.8 : -1);
        if (hasSecond) {
            String refined = REFINED_ANXIETY_CODES.pick(draws);
            if (refined.equals(code)) {
                refined = code.equals("F41.1") ? "F43.2" : "F41.1";
            }
            recordOn(record, draws, refined, second, -1);
        }
    }

    private void recordDepression(PatientRecord record, RandomDraws draws) {
        LocalDate date = record.firstDiagnosis(DiagnosisCodes::isAnxiety)
                .map(a -> a.recorded().plusDays(draws.between(-200, 200)))
                .orElseGet(() -> draws.dateBetween(record.firstDayAged(15), record.referenceDate()));
        LocalDate earliest = record.firstDayAged(15);
        if (date == null || earliest.isAfter(record.referenceDate())) {
            return;
        }
        // Depression near the anxiety diagnosis, clamped into the part of the window where the patient is 15+.
        if (date.isBefore(earliest)) {
            date = earliest;
        }
        if (date.isAfter(record.referenceDate())) {
            date = record.referenceDate();
        }
        recordOn(record, draws, DEPRESSION_CODES.pick(draws), date, -1);
    }

    private void recordSomewhen(PatientRecord record, RandomDraws draws, String code, LocalDate earliest) {
        LocalDate date = draws.dateBetween(earliest, record.referenceDate());
        if (date != null) {
            recordOn(record, draws, code, date, -1);
        }
    }

    /**
     * Writes the Condition. Older diagnoses are mostly resolved (a GP closes them at follow-up), so both
     * "active" and "resolved but recent" anxiety exist for the benzo-anxiety rule's 24-month clause.
     *
     * @param resolvedProbability overrides the age-based probability when not negative
     */
    private void recordOn(
            PatientRecord record, RandomDraws draws, String code, LocalDate recorded, double resolvedProbability) {
        boolean old = recorded.isBefore(record.referenceDate().minusDays(365));
        double resolved = resolvedProbability >= 0 ? resolvedProbability : old ? 0.65 : 0.15;
        LocalDate onset = null;
        if (draws.chance(0.3)) {
            onset = recorded.minusDays(draws.between(0, 60));
            if (onset.isBefore(record.birthDate())) {
                onset = record.birthDate();
            }
        }
        boolean active = !draws.chance(resolved);
        record.addDiagnosis(
                code,
                recorded,
                FhirResourceFactory.condition(record.patientReference(), code, recorded, onset, active));
    }
}
