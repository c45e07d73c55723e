package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import se.primarycare.cds.clinical.SickLeaveEpisodes;
import se.primarycare.cds.clinical.SickLeaveEpisodes.Episode;

/**
 * One generated certificate period, dates inclusive; {@code focusCode} is the ICD-10-SE code of its diagnosis.
 * Periods join into episodes by the contract's rule ({@link SickLeaveEpisodes}, gap ≤ 5 days), which the
 * generator uses to decide rehab plans and activity around long episodes, and the summary to count them.
 */
record SickLeavePeriod(LocalDate start, LocalDate end, int percent, String focusCode, String focusReference) {

    /** Episodes of one patient's periods (in any order), sorted by start. */
    static List<Episode<SickLeavePeriod>> episodes(List<SickLeavePeriod> periods) {
        List<SickLeavePeriod> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(SickLeavePeriod::start).thenComparing(SickLeavePeriod::end));
        return SickLeaveEpisodes.join(
                sorted, SickLeavePeriod::start, SickLeavePeriod::end, SickLeaveEpisodes.CONTRACT_GAP_DAYS);
    }

    /** Psychiatric when any period's diagnosis is in the F chapter. */
    static boolean psychiatric(Episode<SickLeavePeriod> episode) {
        return episode.periods().stream().anyMatch(SickLeavePeriod::isPsychiatric);
    }

    /** The diagnosis the episode is mainly about: the first psychiatric one, else the first. */
    static SickLeavePeriod mainPeriod(Episode<SickLeavePeriod> episode) {
        return episode.periods().stream()
                .filter(SickLeavePeriod::isPsychiatric)
                .findFirst()
                .orElse(episode.periods().get(0));
    }

    private boolean isPsychiatric() {
        return focusCode != null && DiagnosisCodes.isPsychiatric(focusCode);
    }
}
