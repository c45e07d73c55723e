package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Certificate periods joined into one episode by the data contract's rule: periods with at most
 * {@link #CONTRACT_GAP_DAYS} uncovered days between them are one episode, whose length is end − start + 1.
 *
 * <p>The server has its own join ({@code clinical.SickLeaveEpisodes}). The generator keeps this one on purpose:
 * its summary is the independent computation the server's indicators and worklists are checked against, so it
 * must not share the server's code (and the generator must not drag the server into its jar).
 */
record SickLeaveEpisode(LocalDate start, LocalDate end, List<SickLeavePeriod> periods) {

    /** Data contract, "Sick leave": at most 5 uncovered days between periods keep them one episode. */
    static final int CONTRACT_GAP_DAYS = 5;

    SickLeaveEpisode {
        periods = List.copyOf(periods);
    }

    long lengthDays() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** Uncovered days between a period ending {@code previousEnd} and the next starting {@code nextStart}. */
    static long gapDays(LocalDate previousEnd, LocalDate nextStart) {
        return ChronoUnit.DAYS.between(previousEnd, nextStart) - 1;
    }

    /** The episodes of one patient's periods (in any order), sorted by start. */
    static List<SickLeaveEpisode> join(List<SickLeavePeriod> periods) {
        List<SickLeavePeriod> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(SickLeavePeriod::start).thenComparing(SickLeavePeriod::end));
        List<SickLeaveEpisode> episodes = new ArrayList<>();
        List<SickLeavePeriod> members = new ArrayList<>();
        LocalDate end = null;
        for (SickLeavePeriod period : sorted) {
            if (end != null && gapDays(end, period.start()) > CONTRACT_GAP_DAYS) {
                episodes.add(new SickLeaveEpisode(members.get(0).start(), end, members));
                members = new ArrayList<>();
                end = null;
            }
            members.add(period);
            end = end == null || period.end().isAfter(end) ? period.end() : end;
        }
        if (!members.isEmpty()) {
            episodes.add(new SickLeaveEpisode(members.get(0).start(), end, members));
        }
        return episodes;
    }
}
