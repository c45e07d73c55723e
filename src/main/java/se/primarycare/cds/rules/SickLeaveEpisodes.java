package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Joins sick-leave periods into episodes as Försäkringskassan's Rehabstöd does (data-contract.md, "Sick
 * leave"): consecutive periods whose uncovered days ({@code next.start − prev.end − 1}) are at most the gap
 * form one episode; its length is end − start + 1.
 */
public final class SickLeaveEpisodes {

    private SickLeaveEpisodes() {}

    /** One joined episode and the periods it is made of. */
    public record Episode(LocalDate start, LocalDate end, List<SickLeavePeriod> periods) {

        /** Whole length, planned days of the last certificate included: the thresholds use it. */
        public long lengthDays() {
            return ChronoUnit.DAYS.between(start, end) + 1;
        }

        /** Days on sick leave so far (start to today, or to the end when it has ended): what texts show. */
        public long daysUntil(LocalDate today) {
            LocalDate last = end.isBefore(today) ? end : today;
            return ChronoUnit.DAYS.between(start, last) + 1;
        }
    }

    public static List<Episode> join(List<SickLeavePeriod> periods, int maxGapDays) {
        List<SickLeavePeriod> sorted = periods.stream()
                .filter(p -> p.start() != null && p.end() != null)
                .sorted(Comparator.comparing(SickLeavePeriod::start))
                .toList();
        List<Episode> episodes = new ArrayList<>();
        LocalDate start = null;
        LocalDate end = null;
        List<SickLeavePeriod> members = new ArrayList<>();
        for (SickLeavePeriod period : sorted) {
            if (end != null && ChronoUnit.DAYS.between(end, period.start()) - 1 <= maxGapDays) {
                end = period.end().isAfter(end) ? period.end() : end;
                members.add(period);
                continue;
            }
            if (start != null) {
                episodes.add(new Episode(start, end, members));
            }
            start = period.start();
            end = period.end();
            members = new ArrayList<>(List.of(period));
        }
        if (start != null) {
            episodes.add(new Episode(start, end, members));
        }
        return episodes;
    }
}
