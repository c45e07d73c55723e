package se.primarycare.cds.measures.worklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The code knowledge the worklists need, from the loaded ValueSets (built in {@link WorklistConfig}), so the
 * worklist core names no code itself.
 *
 * @param dependenceGroups the dependence-inducing groups by name (benzodiazepines, z-drugs, N05CD hypnotics,
 *     opioids, gabapentinoids), in order
 * @param epilepsy ICD-10-SE code is an epilepsy diagnosis (clonazepam is then an antiepileptic, never counted)
 * @param medicationReview KVÅ code is a medication review (XV015, XV016)
 * @param teamIntervention KVÅ code is a team intervention of Ån07-åtgärder (psychological treatment, FaR DV200)
 * @param atcName the display name of an ATC code (substance)
 * @param atcHints ATC prefixes that narrow the prescription query to the dependence-inducing groups
 * @param epilepsyHints ICD prefixes that narrow the diagnosis query to epilepsy
 */
public record WorklistCodes(
        Map<String, Predicate<String>> dependenceGroups,
        Predicate<String> epilepsy,
        Predicate<String> medicationReview,
        Predicate<String> teamIntervention,
        Function<String, String> atcName,
        List<String> atcHints,
        List<String> epilepsyHints) {

    public WorklistCodes {
        dependenceGroups = new LinkedHashMap<>(dependenceGroups);
    }

    /** The first dependence-inducing group an ATC code belongs to. */
    public String groupOf(String atc) {
        return dependenceGroups.entrySet().stream()
                .filter(g -> g.getValue().test(atc))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
