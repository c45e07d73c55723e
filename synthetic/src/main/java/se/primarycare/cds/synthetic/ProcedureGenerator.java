package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.util.Optional;
import se.primarycare.cds.synthetic.PatientRecord.RecordedDiagnosis;

/**
 * KVÅ procedures outside sick leave: psychological treatment after a new anxiety diagnosis (Ån09), lifestyle
 * advice and FaR for anyone (the activity counts), and medication reviews for long-term sedative users and
 * the elderly (the long-term-use rule suggests XV015).
 */
final class ProcedureGenerator {

    /** Ån09 counts KBT within 180 days after the index date; a few start later and must not count. */
    static final int KBT_WINDOW_DAYS = 180;

    static final double LATE_KBT_SHARE = 0.04;
    /** Other psychotherapy (DU008/DU022) is in the wider psychological-treatment set but not in Ån09. */
    static final double OTHER_PSYCHOTHERAPY_SHARE = 0.03;

    void generate(PatientRecord record, RandomDraws draws) {
        Optional<RecordedDiagnosis> anxiety = record.firstDiagnosis(DiagnosisCodes::isAnxiety);
        if (anxiety.isPresent()) {
            psychologicalTreatment(record, draws, anxiety.get(), record.unit().kbtShare());
        } else {
            record.firstDiagnosis(DiagnosisCodes::isDepression)
                    .ifPresent(d -> psychologicalTreatment(record, draws, d, 0.10));
        }
        lifestyleAdvice(record, draws);
        medicationReviews(record, draws);
    }

    private void psychologicalTreatment(
            PatientRecord record, RandomDraws draws, RecordedDiagnosis index, double kbtShare) {
        double kind = draws.random().nextDouble();
        if (kind < kbtShare) {
            sessions(
                    record,
                    draws,
                    KvaCodes.KBT,
                    index.recorded().plusDays(draws.between(7, KBT_WINDOW_DAYS - 10)),
                    index.reference());
        } else if (kind < kbtShare + LATE_KBT_SHARE) {
            sessions(
                    record,
                    draws,
                    KvaCodes.KBT,
                    index.recorded().plusDays(draws.between(KBT_WINDOW_DAYS + 5, 300)),
                    index.reference());
        } else if (kind < kbtShare + LATE_KBT_SHARE + OTHER_PSYCHOTHERAPY_SHARE) {
            sessions(
                    record,
                    draws,
                    draws.oneOf(KvaCodes.PSYCHODYNAMIC, KvaCodes.IPT),
                    index.recorded().plusDays(draws.between(14, 120)),
                    index.reference());
        }
    }

    /** A treatment series: 3–10 sessions one to two weeks apart, as far as the history reaches. */
    private void sessions(PatientRecord record, RandomDraws draws, String code, LocalDate first, String reason) {
        int count = draws.between(3, 10);
        LocalDate date = first;
        for (int i = 0; i < count && !date.isAfter(record.referenceDate()); i++) {
            record.add(FhirResourceFactory.procedure(record.patientReference(), code, date, reason));
            date = date.plusDays(draws.between(7, 14));
        }
    }

    /** Lifestyle work unrelated to sick leave, so activity counts are not made up of sick-listed patients only. */
    private void lifestyleAdvice(PatientRecord record, RandomDraws draws) {
        if (record.age() < 18) {
            return;
        }
        if (draws.chance(0.015)) {
            once(record, draws, KvaCodes.SIMPLE_ACTIVITY_ADVICE);
        }
        if (draws.chance(0.008)) {
            once(record, draws, KvaCodes.ACTIVITY_COUNSELLING);
        }
        if (draws.chance(0.008)) {
            LocalDate far = once(record, draws, KvaCodes.FAR);
            if (far != null && draws.chance(0.5)) {
                LocalDate followUp = far.plusDays(draws.between(30, 120));
                if (!followUp.isAfter(record.referenceDate())) {
                    record.add(FhirResourceFactory.procedure(
                            record.patientReference(), KvaCodes.FAR_FOLLOW_UP, followUp, null));
                }
            }
        }
    }

    private void medicationReviews(PatientRecord record, RandomDraws draws) {
        Optional<LocalDate> longTermSince = record.longTermSedativeStart();
        if (longTermSince.isPresent() && draws.chance(0.4)) {
            LocalDate from = longTermSince.get().isAfter(record.historyStart())
                    ? longTermSince.get().plusDays(90)
                    : record.historyStart();
            LocalDate date = draws.dateBetween(from, record.referenceDate());
            if (date != null) {
                String code = draws.chance(0.8) ? KvaCodes.MEDICATION_REVIEW : KvaCodes.MEDICATION_REVIEW_COMPREHENSIVE;
                record.add(FhirResourceFactory.procedure(record.patientReference(), code, date, null));
            }
        } else if (record.age() >= 75 && draws.chance(0.1)) {
            once(
                    record,
                    draws,
                    draws.chance(0.75) ? KvaCodes.MEDICATION_REVIEW : KvaCodes.MEDICATION_REVIEW_COMPREHENSIVE);
        }
    }

    private LocalDate once(PatientRecord record, RandomDraws draws, String code) {
        LocalDate date = draws.dateBetween(record.firstDayAged(18), record.referenceDate());
        if (date != null) {
            record.add(FhirResourceFactory.procedure(record.patientReference(), code, date, null));
        }
        return date;
    }
}
