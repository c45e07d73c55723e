package se.primarycare.cds.measures.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunChartTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(RunChart.median(values(3, 1, 2))).isEqualByComparingTo("2");
        assertThat(RunChart.median(values(4, 1, 2, 3))).isEqualByComparingTo("2.5");
    }

    @Test
    void sixPointsAboveTheMedianAreAShiftFiveAreNot() {
        // median 5.5: points 5..10 are six in a row above it; the five before it and the last one are below
        List<BigDecimal> six = values(1, 2, 1, 2, 1, 9, 9, 9, 9, 9, 9, 2);
        assertThat(RunChart.median(six)).isEqualByComparingTo("5.5");
        assertThat(RunChart.shiftPoints(six)).containsExactly(5, 6, 7, 8, 9, 10);
        // 10 values, median 5: five points above (6..10) do not make a shift
        assertThat(RunChart.shiftPoints(values(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).isEmpty();
    }

    @Test
    void pointsOnTheMedianNeitherBreakNorCountInAShift() {
        // median 5; the run 6,7,5,8,9,10,11 has six points above with one on the median in between
        List<BigDecimal> values = values(1, 2, 3, 4, 5, 5, 5, 6, 7, 5, 8, 9, 10, 11, 1, 2);
        assertThat(RunChart.median(values)).isEqualByComparingTo("5");
        assertThat(RunChart.shiftPoints(values)).containsExactly(7, 8, 10, 11, 12, 13);
    }

    @Test
    void fiveRisingPointsAreATrendFourAreNot() {
        assertThat(RunChart.trendPoints(values(5, 1, 2, 3, 4, 5, 2))).containsExactly(1, 2, 3, 4, 5);
        assertThat(RunChart.trendPoints(values(5, 1, 2, 3, 4, 2))).isEmpty();
        assertThat(RunChart.trendPoints(values(9, 8, 8, 7, 6, 5, 9))).containsExactly(0, 1, 3, 4, 5);
    }

    private static List<BigDecimal> values(int... numbers) {
        return Arrays.stream(numbers).mapToObj(BigDecimal::valueOf).toList();
    }
}
