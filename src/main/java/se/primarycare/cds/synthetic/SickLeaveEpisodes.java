package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Joins sick-leave certificate periods into episodes the way the contract defines it (after Försäkringskassan's
 * Rehabstöd): periods of one patient belong to the same episode when the uncovered days between them,
 * {@code next.start − prev.end − 1}, are at most 5. Used by the generator (to decide rehab plans and activity
 * around long episodes) and by the summary.
 */
public final class SickLeaveEpisodes {

    public static final int MAX_JOINED_GAP_DAYS = 5;

    /** One certificate period, dates inclusive; {@code focusCode} is the ICD-10-SE code of its diagnosis. */
    public record SickLeavePeriod(
            LocalDate start, LocalDate end, int percent, String focusCode, String focusReference) {}

    public record Episode(List<SickLeavePeriod> periods) {

        public LocalDate start() {
            return periods.get(0).start();
        }

        public LocalDate end() {
            return periods.stream()
                    .map(SickLeavePeriod::end)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
        }

        /** end − start + 1, as the contract counts. */
        public long lengthDays() {
            return ChronoUnit.DAYS.between(start(), end()) + 1;
        }

        /** Psychiatric when any period's diagnosis is in the F chapter. */
        public boolean isPsychiatric() {
            return periods.stream().anyMatch(p -> p.focusCode() != null && DiagnosisCodes.isPsychiatric(p.focusCode()));
        }

        /** The diagnosis the episode is mainly about: the first psychiatric one, else the first. */
        public SickLeavePeriod mainPeriod() {
            return periods.stream()
                    .filter(p -> p.focusCode() != null && DiagnosisCodes.isPsychiatric(p.focusCode()))
                    .findFirst()
                    .orElse(periods.get(0));
        }
    }

    private SickLeaveEpisodes() {}

    /** Uncovered days between two periods; negative when they overlap. */
    public static long gapDays(SickLeavePeriod previous, SickLeavePeriod next) {
        return ChronoUnit.DAYS.between(previous.end(), next.start()) - 1;
    }

    /** Episodes of one patient's periods (in any order), sorted by start. */
    public static List<Episode> join(List<SickLeavePeriod> periods) {
        List<SickLeavePeriod> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(SickLeavePeriod::start).thenComparing(SickLeavePeriod::end));
        List<Episode> episodes = new ArrayList<>();
        List<SickLeavePeriod> current = new ArrayList<>();
        LocalDate currentEnd = null;
        for (SickLeavePeriod period : sorted) {
            if (currentEnd != null && ChronoUnit.DAYS.between(currentEnd, period.start()) - 1 > MAX_JOINED_GAP_DAYS) {
                episodes.add(new Episode(List.copyOf(current)));
                current.clear();
                currentEnd = null;
            }
            current.add(period);
            currentEnd = currentEnd == null || period.end().isAfter(currentEnd) ? period.end() : currentEnd;
        }
        if (!current.isEmpty()) {
            episodes.add(new Episode(List.copyOf(current)));
        }
        return episodes;
    }
}
