package se.primarycare.cds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SickLeaveEpisodesTest {

    private static final LocalDate D = LocalDate.of(2026, 3, 1);

    @Test
    void fiveUncoveredDaysJoinSixSplit() {
        List<SickLeavePeriod> fiveDayGap = List.of(period(0, 9), period(15, 20));
        List<SickLeavePeriod> sixDayGap = List.of(period(0, 9), period(16, 20));
        assertThat(SickLeaveEpisodes.join(fiveDayGap, 5)).hasSize(1);
        assertThat(SickLeaveEpisodes.join(fiveDayGap, 5).get(0).lengthDays()).isEqualTo(21);
        assertThat(SickLeaveEpisodes.join(sixDayGap, 5)).hasSize(2);
    }

    @Test
    void overlappingAndUnorderedPeriodsFormOneEpisode() {
        var episodes = SickLeaveEpisodes.join(List.of(period(10, 30), period(0, 14)), 5);
        assertThat(episodes).hasSize(1);
        assertThat(episodes.get(0).start()).isEqualTo(D);
        assertThat(episodes.get(0).end()).isEqualTo(D.plusDays(30));
    }

    private static SickLeavePeriod period(int from, int to) {
        return new SickLeavePeriod(D.plusDays(from), D.plusDays(to), List.of());
    }
}
