package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.primarycare.cds.synthetic.PatientRecord.RecordedDiagnosis;

/**
 * Sick leave (one Observation per certificate period), rehab plans and activity advice around it.
 *
 * <p>Certificates follow each other with gaps of 0–7 uncovered days, so some consecutive certificates join into
 * one episode (gap ≤ 5) and some start a new one (6–7): both sides of the Rehabstöd rule occur. The seed unit
 * focuses on young adults with psychiatric sick leave, so patients under 40 with an F diagnosis are sick-listed
 * more often. Long psychiatric episodes mostly, but not always, get a rehab plan within 60 days (SL28) and
 * activity advice or FaR (SL14), so that both numerators and the CDS rules have cases on both sides.
 */
final class SickLeaveGenerator {

    static final double UNDER_40_WITH_F_DIAGNOSIS = 0.30;
    static final double FROM_40_WITH_F_DIAGNOSIS = 0.18;
    static final double REHAB_PLAN_IN_TIME = 0.65;
    static final double REHAB_PLAN_LATE = 0.10;

    private static final WeightedChoice<Integer> PERIOD_COUNTS = WeightedChoice.<Integer>of()
            .add(30, 1)
            .add(25, 2)
            .add(18, 3)
            .add(12, 4)
            .add(8, 5)
            .add(4, 6)
            .add(3, 8);

    /** Uncovered days between certificates: mostly seamless, sometimes a short gap, sometimes 6–7 days. */
    private static final WeightedChoice<Integer> GAPS = WeightedChoice.<Integer>of()
            .add(60, 0)
            .add(7, 1)
            .add(6, 2)
            .add(5, 3)
            .add(5, 4)
            .add(5, 5)
            .add(7, 6)
            .add(5, 7);

    void generate(PatientRecord record, RandomDraws draws) {
        Optional<RecordedDiagnosis> reason = chooseReason(record, draws);
        if (reason.isEmpty()) {
            return;
        }
        List<SickLeavePeriod> periods = new ArrayList<>();
        LocalDate start = reason.get().recorded().plusDays(draws.between(0, 10));
        periods.addAll(certificates(record, draws, reason.get(), start));
        // Some fall ill again: a second episode two months to a year after the first ended.
        if (!periods.isEmpty() && draws.chance(0.15)) {
            LocalDate again = periods.get(periods.size() - 1).end().plusDays(draws.between(60, 365));
            periods.addAll(certificates(record, draws, reason.get(), again));
        }
        for (SickLeavePeriod period : periods) {
            record.add(FhirResourceFactory.sickLeave(
                    record.patientReference(),
                    period.start(),
                    period.end(),
                    period.percent(),
                    period.focusReference()));
        }
        for (SickLeaveEpisode episode : SickLeavePeriod.episodes(periods)) {
            rehabPlan(record, draws, episode);
            activity(record, draws, episode);
        }
    }

    /** Only working-age patients are sick-listed; the diagnosis decides how likely. */
    private Optional<RecordedDiagnosis> chooseReason(PatientRecord record, RandomDraws draws) {
        for (RecordedDiagnosis diagnosis : record.diagnoses()) {
            int age = record.ageOn(diagnosis.recorded());
            if (age < 18 || age > 66) {
                continue;
            }
            String code = diagnosis.code();
            double probability;
            if (DiagnosisCodes.isAnxiety(code) || DiagnosisCodes.isDepression(code)) {
                probability = age < 40 ? UNDER_40_WITH_F_DIAGNOSIS : FROM_40_WITH_F_DIAGNOSIS;
            } else if (code.equals("Z73.0")) {
                probability = 0.6;
            } else if (code.equals("F10")) {
                probability = 0.1;
            } else if (DiagnosisCodes.isInsomnia(code)) {
                probability = 0.04;
            } else {
                continue;
            }
            if (draws.chance(probability)) {
                return Optional.of(diagnosis);
            }
        }
        return Optional.empty();
    }

    /**
     * Consecutive certificates: the first 1–2 weeks, later ones 2–6 weeks, the extent stepping down
     * (100 → 75 → 50 → 25 %) as the patient returns to work. Certificates may reach past the reference
     * date (a certificate issued last week runs into the future) but none starts after it.
     */
    private List<SickLeavePeriod> certificates(
            PatientRecord record, RandomDraws draws, RecordedDiagnosis reason, LocalDate firstStart) {
        List<SickLeavePeriod> periods = new ArrayList<>();
        int count = PERIOD_COUNTS.pick(draws);
        int percent = draws.chance(0.65) ? 100 : draws.oneOf(50, 50, 50, 50, 75, 25);
        RecordedDiagnosis focus = reason;
        Optional<RecordedDiagnosis> depression = record.firstDiagnosis(DiagnosisCodes::isDepression);
        LocalDate start = firstStart;
        for (int i = 0; i < count && !start.isAfter(record.referenceDate()); i++) {
            int length = i == 0 ? draws.between(7, 14) : draws.between(14, 42);
            LocalDate end = start.plusDays(length - 1);
            periods.add(new SickLeavePeriod(start, end, percent, focus.code(), focus.reference()));
            if (percent > 25 && draws.chance(0.35)) {
                percent -= 25;
            }
            // The diagnosis may change within an episode (anxiety turns out to be depression); the episode
            // still joins, "whatever their diagnosis".
            if (depression.isPresent()
                    && !focus.equals(depression.get())
                    && !depression.get().recorded().isAfter(end)
                    && draws.chance(0.25)) {
                focus = depression.get();
            }
            start = end.plusDays(1L + GAPS.pick(draws));
        }
        return periods;
    }

    private void rehabPlan(PatientRecord record, RandomDraws draws, SickLeaveEpisode episode) {
        if (episode.lengthDays() <= 28) {
            return;
        }
        double inTime = SickLeavePeriod.psychiatric(episode) ? REHAB_PLAN_IN_TIME : 0.30;
        double kind = draws.random().nextDouble();
        LocalDate created;
        if (kind < inTime) {
            created = episode.start().plusDays(draws.between(3, 60));
        } else if (kind < inTime + REHAB_PLAN_LATE) {
            created = episode.start().plusDays(draws.between(61, 120));
        } else {
            return;
        }
        if (created.isAfter(record.referenceDate())) {
            return;
        }
        boolean current = !episode.end().isBefore(record.referenceDate().minusDays(7));
        record.add(FhirResourceFactory.rehabPlan(
                record.patientReference(),
                created,
                current,
                SickLeavePeriod.mainPeriod(episode).focusReference()));
    }

    /** Physical-activity advice, FaR and FaR follow-up for part of the episodes longer than 14 days. */
    private void activity(PatientRecord record, RandomDraws draws, SickLeaveEpisode episode) {
        if (episode.lengthDays() <= 14) {
            return;
        }
        String reason = SickLeavePeriod.mainPeriod(episode).focusReference();
        LocalDate latest = earliestOf(episode.end().plusDays(30), record.referenceDate());
        if (draws.chance(0.45)) {
            String code = draws.oneOf(
                    KvaCodes.SIMPLE_ACTIVITY_ADVICE,
                    KvaCodes.ACTIVITY_COUNSELLING,
                    KvaCodes.ACTIVITY_COUNSELLING,
                    KvaCodes.QUALIFIED_ACTIVITY_COUNSELLING);
            addOn(record, draws.dateBetween(episode.start(), latest), code, reason);
        } else if (draws.chance(0.05)) {
            // Advice given long before the episode: outside SL14's window (start − 30 days).
            addOn(record, episode.start().minusDays(draws.between(45, 120)), KvaCodes.SIMPLE_ACTIVITY_ADVICE, null);
        }
        if (draws.chance(0.35)) {
            LocalDate far = draws.dateBetween(episode.start(), earliestOf(episode.end(), record.referenceDate()));
            addOn(record, far, KvaCodes.FAR, reason);
            if (far != null && draws.chance(0.6)) {
                LocalDate followUp = far.plusDays(draws.between(28, 90));
                if (!followUp.isAfter(record.referenceDate())) {
                    addOn(record, followUp, KvaCodes.FAR_FOLLOW_UP, reason);
                }
            }
        }
    }

    private static void addOn(PatientRecord record, LocalDate date, String code, String reason) {
        if (date != null && !date.isBefore(record.birthDate())) {
            record.add(FhirResourceFactory.procedure(record.patientReference(), code, date, reason));
        }
    }

    private static LocalDate earliestOf(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
