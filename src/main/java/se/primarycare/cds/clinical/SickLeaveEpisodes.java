package se.primarycare.cds.clinical;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Joins sick-leave certificate periods into episodes as Försäkringskassan's Rehabstöd does (data-contract.md,
 * "Sick leave"): consecutive periods whose uncovered days ({@code next.start − prev.end − 1}) are at most the gap
 * form one episode; its length is end − start + 1. The one join of the code base: the CDS rules pass the gap of
 * their rule files ({@code joinGapDays}), the indicators and the worklists the contract's
 * {@link #CONTRACT_GAP_DAYS}. Pure Java, so every capability may use it.
 */
public final class SickLeaveEpisodes {

    /** data-contract.md, "Sick leave": periods with at most 5 uncovered days between them are one episode. */
    public static final int CONTRACT_GAP_DAYS = 5;

    private SickLeaveEpisodes() {}

    /**
     * One joined episode and the periods it is made of (in start order; periods starting on the same day keep
     * the order they were given in).
     */
    public record Episode<P>(LocalDate start, LocalDate end, List<P> periods) {

        public Episode {
            periods = List.copyOf(periods);
        }

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

    /** Uncovered days between a period ending {@code previousEnd} and one starting {@code nextStart}. */
    public static long gapDays(LocalDate previousEnd, LocalDate nextStart) {
        return ChronoUnit.DAYS.between(previousEnd, nextStart) - 1;
    }

    /**
     * The episodes of one patient's periods (in any order), sorted by start. Periods without a start or an end
     * are left out.
     *
     * @param start a period's first day
     * @param end a period's last day (inclusive)
     * @param maxGapDays periods with at most this many uncovered days between them are joined
     */
    public static <P> List<Episode<P>> join(
            Collection<P> periods, Function<P, LocalDate> start, Function<P, LocalDate> end, int maxGapDays) {
        List<P> sorted = periods.stream()
                .filter(p -> start.apply(p) != null && end.apply(p) != null)
                .sorted(Comparator.comparing(start))
                .toList();
        List<Episode<P>> episodes = new ArrayList<>();
        LocalDate episodeStart = null;
        LocalDate episodeEnd = null;
        List<P> members = new ArrayList<>();
        for (P period : sorted) {
            if (episodeEnd != null && gapDays(episodeEnd, start.apply(period)) <= maxGapDays) {
                episodeEnd = end.apply(period).isAfter(episodeEnd) ? end.apply(period) : episodeEnd;
                members.add(period);
                continue;
            }
            if (episodeStart != null) {
                episodes.add(new Episode<>(episodeStart, episodeEnd, members));
            }
            episodeStart = start.apply(period);
            episodeEnd = end.apply(period);
            members = new ArrayList<>(List.of(period));
        }
        if (episodeStart != null) {
            episodes.add(new Episode<>(episodeStart, episodeEnd, members));
        }
        return episodes;
    }
}
