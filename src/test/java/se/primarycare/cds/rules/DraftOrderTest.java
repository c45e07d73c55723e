package se.primarycare.cds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftOrderTest {

    @Test
    void quantityCountsRepeats() {
        assertThat(draft(new BigDecimal(25), 1, null, null).totalTablets()).isEqualByComparingTo("50");
        assertThat(draft(new BigDecimal(25), null, null, null).totalTablets()).isEqualByComparingTo("25");
    }

    @Test
    void withoutQuantityTheSupplyAndDailyDoseGiveIt() {
        assertThat(draft(null, null, new BigDecimal(30), new BigDecimal(2)).totalTablets())
                .isEqualByComparingTo("60");
        assertThat(draft(null, null, new BigDecimal(10), new BigDecimal("0.5")).totalTablets())
                .isEqualByComparingTo("5");
    }

    @Test
    void withNeitherTheQuantityIsUnknown() {
        assertThat(draft(null, null, new BigDecimal(30), null).totalTablets()).isNull();
    }

    private static DraftOrder draft(BigDecimal quantity, Integer repeats, BigDecimal days, BigDecimal perDay) {
        return new DraftOrder(
                "d1",
                List.of(Coded.of("http://www.whocc.no/atc", "N05BA04")),
                quantity,
                repeats,
                days,
                perDay,
                Reason.NONE);
    }
}
