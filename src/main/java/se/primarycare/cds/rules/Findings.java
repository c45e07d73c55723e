package se.primarycare.cds.rules;

import java.util.HashMap;
import java.util.Map;
import se.primarycare.cds.clinical.SickLeaveEpisodes.Episode;

/**
 * What the conditions of one rule case found so far: the diagnosis and sick-leave episode the card is about and
 * the values its texts show. Immutable: each condition returns a new one, so nothing leaks between cases.
 */
public record Findings(Diagnosis diagnosis, Episode<SickLeavePeriod> episode, Map<String, String> placeholders) {

    public Findings {
        placeholders = Map.copyOf(placeholders);
    }

    static Findings start(Map<String, Object> params) {
        Map<String, String> values = new HashMap<>();
        params.forEach((name, value) -> values.put(name, String.valueOf(value)));
        return new Findings(null, null, values);
    }

    Findings with(String placeholder, String value) {
        Map<String, String> values = new HashMap<>(placeholders);
        values.put(placeholder, value);
        return new Findings(diagnosis, episode, values);
    }

    Findings withDiagnosis(Diagnosis found) {
        return new Findings(found, episode, placeholders);
    }

    Findings withEpisode(Episode<SickLeavePeriod> found) {
        return new Findings(diagnosis, found, placeholders);
    }

    /** What a condition can hand to the conditions after it. */
    public enum Kind {
        DIAGNOSIS,
        EPISODE
    }
}
