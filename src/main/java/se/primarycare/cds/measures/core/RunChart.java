package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Run-chart rules for monthly indicator values, as improvement teams read them: the median of the points; a
 * <em>shift</em> is 6 or more consecutive points on the same side of the median (points on the median neither
 * break nor count); a <em>trend</em> is 5 or more consecutive points each going up (or each going down).
 */
public final class RunChart {

    public static final int SHIFT_POINTS = 6;
    public static final int TREND_POINTS = 5;

    private RunChart() {}

    /** The median of the values (mean of the two middle ones for an even count); zero for none. */
    public static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return BigDecimal.ZERO;
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : sorted.get(middle - 1).add(sorted.get(middle)).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
    }

    /** Indexes of the points that are part of a shift. */
    public static List<Integer> shiftPoints(List<BigDecimal> values) {
        BigDecimal median = median(values);
        List<Integer> marked = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        int side = 0;
        for (int i = 0; i < values.size(); i++) {
            int s = values.get(i).compareTo(median);
            if (s == 0) {
                continue;
            }
            if (s != side) {
                close(run, SHIFT_POINTS, marked);
                run = new ArrayList<>();
                side = s;
            }
            run.add(i);
        }
        close(run, SHIFT_POINTS, marked);
        return marked;
    }

    /** Indexes of the points that are part of a trend (equal neighbours neither break nor count). */
    public static List<Integer> trendPoints(List<BigDecimal> values) {
        List<Integer> marked = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        int direction = 0;
        for (int i = 0; i < values.size(); i++) {
            if (run.isEmpty()) {
                run.add(i);
                continue;
            }
            int d = values.get(i).compareTo(values.get(run.get(run.size() - 1)));
            if (d == 0) {
                continue;
            }
            if (direction == 0 || d == direction) {
                direction = d;
                run.add(i);
            } else {
                close(run, TREND_POINTS, marked);
                int last = run.get(run.size() - 1);
                run = new ArrayList<>(List.of(last, i));
                direction = d;
            }
        }
        close(run, TREND_POINTS, marked);
        return marked;
    }

    private static void close(List<Integer> run, int minimum, List<Integer> marked) {
        if (run.size() >= minimum) {
            run.stream().filter(i -> !marked.contains(i)).forEach(marked::add);
        }
    }
}
