package se.primarycare.cds.hooks;

/** Remembers which cards were shown and which rule each card and suggestion speaks for, for feedback per rule. */
@FunctionalInterface
public interface CardLog {

    void shown(String serviceId, java.util.List<String> rules, CardWriter.Written card);
}
