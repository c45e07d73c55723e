package se.primarycare.cds.terminology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;

/**
 * In-memory view of the loaded CodeSystems: code look-ups and hierarchy checks without a database round trip.
 * Built once from {@link FhirProfiles}; immutable afterwards, so it is safe to share between requests.
 */
public final class TerminologyIndex {

    private final Map<String, Map<String, Concept>> conceptsBySystem;

    private TerminologyIndex(Map<String, Map<String, Concept>> conceptsBySystem) {
        this.conceptsBySystem = conceptsBySystem;
    }

    public static TerminologyIndex of(List<CodeSystem> codeSystems) {
        Map<String, Map<String, Concept>> bySystem = new HashMap<>();
        for (CodeSystem codeSystem : codeSystems) {
            Map<String, Concept> concepts = new LinkedHashMap<>();
            collect(codeSystem.getUrl(), codeSystem.getConcept(), null, concepts);
            bySystem.put(codeSystem.getUrl(), Map.copyOf(concepts));
        }
        return new TerminologyIndex(Map.copyOf(bySystem));
    }

    private static void collect(
            String system, List<ConceptDefinitionComponent> concepts, String parent, Map<String, Concept> into) {
        for (ConceptDefinitionComponent concept : concepts) {
            into.put(
                    concept.getCode(),
                    new Concept(
                            system,
                            concept.getCode(),
                            concept.getDisplay(),
                            parent,
                            properties(concept),
                            designations(concept)));
            collect(system, concept.getConcept(), concept.getCode(), into);
        }
    }

    private static Map<String, String> designations(ConceptDefinitionComponent concept) {
        Map<String, String> designations = new LinkedHashMap<>();
        concept.getDesignation().stream()
                .filter(d -> d.hasLanguage() && d.hasValue())
                .forEach(d -> designations.putIfAbsent(d.getLanguage(), d.getValue()));
        return Map.copyOf(designations);
    }

    private static Map<String, List<String>> properties(ConceptDefinitionComponent concept) {
        Map<String, List<String>> properties = new LinkedHashMap<>();
        for (ConceptPropertyComponent property : concept.getProperty()) {
            if (property.getValue() == null) {
                continue;
            }
            String value = property.getValue().primitiveValue();
            if (value != null) {
                properties
                        .computeIfAbsent(property.getCode(), k -> new ArrayList<>())
                        .add(value);
            }
        }
        properties.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(properties);
    }

    public boolean hasSystem(String system) {
        return conceptsBySystem.containsKey(system);
    }

    public Optional<Concept> concept(String system, String code) {
        Map<String, Concept> concepts = conceptsBySystem.get(system);
        return concepts == null || code == null ? Optional.empty() : Optional.ofNullable(concepts.get(code));
    }

    public List<Concept> concepts(String system) {
        Map<String, Concept> concepts = conceptsBySystem.get(system);
        return concepts == null ? List.of() : List.copyOf(concepts.values());
    }

    /** True when {@code code} is {@code ancestor} or lies below it in the system's hierarchy. */
    public boolean isSelfOrBelow(String system, String code, String ancestor) {
        Map<String, Concept> concepts = conceptsBySystem.get(system);
        if (concepts == null) {
            return false;
        }
        String current = code;
        while (current != null) {
            if (current.equals(ancestor)) {
                return true;
            }
            Concept concept = concepts.get(current);
            current = concept == null ? null : concept.parent();
        }
        return false;
    }

    /** The concept and every concept below it, in file order; empty when the code is not in the system. */
    public List<String> selfAndDescendants(String system, String code) {
        Map<String, Concept> concepts = conceptsBySystem.get(system);
        if (concepts == null || code == null || !concepts.containsKey(code)) {
            return List.of();
        }
        List<String> codes = new ArrayList<>();
        for (Concept concept : concepts.values()) {
            if (isSelfOrBelow(system, concept.code(), code)) {
                codes.add(concept.code());
            }
        }
        return codes;
    }

    /** The chain from the concept up to its root, starting with the concept itself. */
    public List<Concept> ancestry(String system, String code) {
        List<Concept> chain = new ArrayList<>();
        Optional<Concept> current = concept(system, code);
        while (current.isPresent()) {
            chain.add(current.get());
            current = concept(system, current.get().parent());
        }
        return chain;
    }
}
