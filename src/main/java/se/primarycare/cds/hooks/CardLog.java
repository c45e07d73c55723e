package se.primarycare.cds.hooks;

import java.util.List;

/**
 * Remembers which cards a call showed and which rule each card and suggestion speaks for, for feedback per rule.
 * Called once per call with all its cards, so a store can write them together.
 */
@FunctionalInterface
public interface CardLog {

    /** One card as shown: the rules it speaks for (its own first) and the written JSON with its uuids. */
    record Shown(List<String> rules, CardWriter.Written card) {}

    void shown(String serviceId, List<Shown> cards);
}
