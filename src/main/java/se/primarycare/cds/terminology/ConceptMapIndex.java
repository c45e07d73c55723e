package se.primarycare.cds.terminology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;

/** The ConceptMaps of {@code fhir-profiles/} in memory: translate a foreign coding to our systems. */
public final class ConceptMapIndex {

    /** A translation target: system and code. */
    public record Target(String system, String code) {}

    private final Map<String, List<Target>> targets = new HashMap<>();

    public ConceptMapIndex(List<ConceptMap> conceptMaps) {
        for (ConceptMap map : conceptMaps) {
            for (ConceptMapGroupComponent group : map.getGroup()) {
                for (SourceElementComponent element : group.getElement()) {
                    for (TargetElementComponent target : element.getTarget()) {
                        targets.computeIfAbsent(key(group.getSource(), element.getCode()), k -> new ArrayList<>())
                                .add(new Target(group.getTarget(), target.getCode()));
                    }
                }
            }
        }
        targets.replaceAll((k, v) -> List.copyOf(v));
    }

    /** Every code the maps give for system|code (empty when unmapped). */
    public List<Target> translate(String system, String code) {
        return targets.getOrDefault(key(system, code), List.of());
    }

    private static String key(String system, String code) {
        return system + "|" + code;
    }
}
