package se.primarycare.cds.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of evaluating one rule case for one patient (and one draft order, on order hooks): the facts, and
 * what the conditions found on the way (the diagnosis, the episode…), which fill the card's texts and point the
 * suggestions at the right resources.
 */
final class Evaluation {

    final PatientFacts facts;
    final DraftOrder draft;
    final Language language;
    final Map<String, Object> params;
    final Map<String, String> placeholders = new HashMap<>();
    RuleDefinition rule;
    Diagnosis diagnosis;
    SickLeaveEpisodes.Episode episode;

    Evaluation(PatientFacts facts, DraftOrder draft, Language language, Map<String, Object> params) {
        this.facts = facts;
        this.draft = draft;
        this.language = language;
        this.params = params;
        params.forEach((name, value) -> placeholders.put(name, String.valueOf(value)));
    }
}
