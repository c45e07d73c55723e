package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated certificate period, dates inclusive; {@code focusCode} is the ICD-10-SE code of its diagnosis.
 * Periods join into episodes by the contract's rule ({@link SickLeaveEpisode}, gap ≤ 5 days), which the
 * generator uses to decide rehab plans and activity around long episodes, and the summary to count them.
 */
record SickLeavePeriod(LocalDate start, LocalDate end, int percent, String focusCode, String focusReference) {

    /** Episodes of one patient's periods (in any order), sorted by start. */
    static List<SickLeaveEpisode> episodes(List<SickLeavePeriod> periods) {
        return SickLeaveEpisode.join(periods);
    }

    /** Psychiatric when any period's diagnosis is in the F chapter. */
    static boolean psychiatric(SickLeaveEpisode episode) {
        return episode.periods().stream().anyMatch(SickLeavePeriod::isPsychiatric);
    }

    /** The diagnosis the episode is mainly about: the first psychiatric one, else the first. */
    static SickLeavePeriod mainPeriod(SickLeaveEpisode episode) {
        return episode.periods().stream()
                .filter(SickLeavePeriod::isPsychiatric)
                .findFirst()
                .orElse(episode.periods().get(0));
    }

    private boolean isPsychiatric() {
        return focusCode != null && DiagnosisCodes.isPsychiatric(focusCode);
    }
}
