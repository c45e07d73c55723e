package se.primarycare.cds.hooks;

import java.util.List;

/** Logs the shown cards to the store, then counts them per rule for the metrics. */
final class CountedCardLog implements CardLog {

    private final CardLog store;
    private final CdsMetrics metrics;

    CountedCardLog(CardLog store, CdsMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void shown(String serviceId, List<Shown> cards) {
        store.shown(serviceId, cards);
        metrics.shown(cards);
    }
}
