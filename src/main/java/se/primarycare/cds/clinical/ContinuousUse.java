package se.primarycare.cds.clinical;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Continuous use of a drug (the contract's "long-term use", shared by the CDS rule and the tapering worklist):
 * the days each prescription or statement covers, chained across gaps of at most {@code maxGapDays}, form one
 * stretch of use; use is continuous when a stretch reaches from at least {@code minDays} ago to within {@code
 * maxGapDays} of today.
 */
public final class ContinuousUse {

    private ContinuousUse() {}

    /** Days covered by one prescription or statement (inclusive). */
    public record Covered(LocalDate start, LocalDate end) {}

    /** The first day of the stretch of use that makes the use continuous today, if there is one. */
    public static Optional<LocalDate> since(List<Covered> covered, LocalDate today, int maxGapDays, int minDays) {
        List<Covered> sorted =
                covered.stream().sorted(Comparator.comparing(Covered::start)).toList();
        LocalDate chainStart = null;
        LocalDate chainEnd = null;
        for (Covered interval : sorted) {
            if (chainEnd != null && ChronoUnit.DAYS.between(chainEnd, interval.start()) - 1 <= maxGapDays) {
                chainEnd = interval.end().isAfter(chainEnd) ? interval.end() : chainEnd;
            } else {
                if (reaches(chainStart, chainEnd, today, maxGapDays, minDays)) {
                    break;
                }
                chainStart = interval.start();
                chainEnd = interval.end();
            }
        }
        return reaches(chainStart, chainEnd, today, maxGapDays, minDays) ? Optional.of(chainStart) : Optional.empty();
    }

    private static boolean reaches(LocalDate start, LocalDate end, LocalDate today, int maxGapDays, int minDays) {
        return start != null && !start.isAfter(today.minusDays(minDays)) && !end.isBefore(today.minusDays(maxGapDays));
    }

    /** Days a prescription lasts at {@code dddPerDay} DDD a day: total mg / (dddPerDay × DDD mg), at least 1. */
    public static long days(java.math.BigDecimal totalMg, java.math.BigDecimal dddMg, double dddPerDay) {
        java.math.BigDecimal perDay = dddMg.multiply(java.math.BigDecimal.valueOf(dddPerDay));
        return Math.max(
                1, totalMg.divide(perDay, 0, java.math.RoundingMode.FLOOR).longValue());
    }
}
