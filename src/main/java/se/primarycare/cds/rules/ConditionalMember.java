package se.primarycare.cds.rules;

import java.util.List;

/**
 * A drug that belongs to some value sets only for some reasons (cds-services/engine.json): clonazepam is an
 * antiepileptic first and counts as a benzodiazepine only when given for anxiety, or without a reason to a
 * patient without epilepsy (cds-rules.md v2, "Clonazepam is an antiepileptic first").
 *
 * @param medication the drug
 * @param countsIn ids of the value sets where the restriction applies (elsewhere the drug always counts, e.g.
 *     the sedatives of opioid-benzo, where the respiratory risk is the same)
 * @param reason an order reason that makes it count
 * @param unlessDiagnosis without a reason it counts unless the patient has one of these diagnoses
 */
public record ConditionalMember(
        CodeMatch medication, List<String> countsIn, CodeMatch reason, CodeMatch unlessDiagnosis, String source) {

    public ConditionalMember {
        countsIn = List.copyOf(countsIn);
    }
}
