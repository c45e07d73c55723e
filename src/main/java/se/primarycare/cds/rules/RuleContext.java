package se.primarycare.cds.rules;

import java.time.LocalDate;

/** What one rule case is judged on: the patient's facts, the draft order (null on patient-view), the language. */
public record RuleContext(PatientFacts facts, DraftOrder draft, Language language, Vocabulary terms) {

    LocalDate today() {
        return facts.today();
    }

    /** The draft's medication is in {@code match}, with the conditional members applied. */
    boolean draftIn(CodeMatch match) {
        return draft != null && terms.medicationIn(match, draft.medication(), draft.reason(), facts);
    }

    boolean useIn(CodeMatch match, MedicationUse use) {
        return terms.medicationIn(match, use.codes(), use.reason(), facts);
    }

    String drugName(java.util.List<Coded> medication) {
        return terms.names().name(medication, language);
    }

    String diagnosisName(java.util.List<Coded> codes) {
        return terms.names().diagnosis(codes, language);
    }
}
