package se.primarycare.cds.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.clinical.SickLeaveEpisodes.Episode;

class SickLeaveEpisodesTest {

    private static final LocalDate D = LocalDate.of(2026, 3, 1);

    /** Any period type will do: the join only reads a start and an end. */
    private record Period(LocalDate start, LocalDate end, String name) {}

    @Test
    void fiveUncoveredDaysJoinSixSplit() {
        List<Period> fiveDayGap = List.of(period(0, 9), period(15, 20));
        List<Period> sixDayGap = List.of(period(0, 9), period(16, 20));
        assertThat(join(fiveDayGap, 5)).hasSize(1);
        assertThat(join(fiveDayGap, 5).get(0).lengthDays()).isEqualTo(21);
        assertThat(join(sixDayGap, 5)).hasSize(2);
        assertThat(SickLeaveEpisodes.gapDays(D.plusDays(9), D.plusDays(16))).isEqualTo(6);
    }

    @Test
    void theGapIsAParameter() {
        List<Period> sixDayGap = List.of(period(0, 9), period(16, 20));
        assertThat(join(sixDayGap, 6)).hasSize(1);
        assertThat(join(sixDayGap, 0)).hasSize(2);
        // adjacent periods (no uncovered day) join even with gap 0
        assertThat(join(List.of(period(0, 9), period(10, 12)), 0)).hasSize(1);
    }

    @Test
    void overlappingAndUnorderedPeriodsFormOneEpisode() {
        var episodes = join(List.of(period(10, 30), period(0, 14)), 5);
        assertThat(episodes).hasSize(1);
        assertThat(episodes.get(0).start()).isEqualTo(D);
        assertThat(episodes.get(0).end()).isEqualTo(D.plusDays(30));
        assertThat(episodes.get(0).periods()).extracting(Period::name).containsExactly("0-14", "10-30");
    }

    @Test
    void aShortPeriodInsideALongOneDoesNotEndTheEpisodeEarly() {
        // 0..40 contains 5..10; 44 starts 3 uncovered days after 40 (not after 10): one episode to 50
        var episodes = join(List.of(period(0, 40), period(5, 10), period(44, 50)), 5);
        assertThat(episodes).hasSize(1);
        assertThat(episodes.get(0).end()).isEqualTo(D.plusDays(50));
        assertThat(episodes.get(0).daysUntil(D.plusDays(20))).isEqualTo(21);
        assertThat(episodes.get(0).daysUntil(D.plusDays(99))).isEqualTo(51);
    }

    @Test
    void periodsWithoutDatesAreLeftOut() {
        List<Period> periods = new ArrayList<>(List.of(period(0, 9)));
        periods.add(new Period(null, D, "no start"));
        periods.add(new Period(D, null, "no end"));
        assertThat(join(periods, 5)).singleElement().satisfies(e -> assertThat(e.periods())
                .hasSize(1));
        assertThat(join(List.of(), 5)).isEmpty();
    }

    private static List<Episode<Period>> join(List<Period> periods, int gap) {
        return SickLeaveEpisodes.join(periods, Period::start, Period::end, gap);
    }

    private static Period period(int from, int to) {
        return new Period(D.plusDays(from), D.plusDays(to), from + "-" + to);
    }
}
