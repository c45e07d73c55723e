package se.primarycare.cds.measures.worklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The code knowledge the worklists need beyond the indicators' ({@link
 * se.primarycare.cds.measures.core.IndicatorVocabulary}: anxiety, epilepsy, medication review, team intervention…),
 * from the loaded ValueSets (built in {@link WorklistConfig}), so the worklist core names no code itself.
 *
 * @param dependenceGroups the dependence-inducing groups by name (benzodiazepines, z-drugs, N05CD hypnotics,
 *     opioids, gabapentinoids), in order
 * @param atcName the display name of an ATC code (substance)
 * @param atcHints ATC prefixes that narrow the prescription query to the dependence-inducing groups
 */
public record WorklistCodes(
        Map<String, Predicate<String>> dependenceGroups, Function<String, String> atcName, List<String> atcHints) {

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
