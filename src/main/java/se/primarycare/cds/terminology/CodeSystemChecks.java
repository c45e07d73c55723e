package se.primarycare.cds.terminology;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/** Structural checks HAPI does not make when it stores a CodeSystem, but which searches depend on. */
final class CodeSystemChecks {

    private CodeSystemChecks() {}

    static void check(String file, CodeSystem codeSystem) {
        // HAPI stores concepts (and so supports :below and is-a) only for content = complete.
        if (codeSystem.getContent() != CodeSystem.CodeSystemContentMode.COMPLETE) {
            throw new ProfileLoadException(file, "CodeSystem.content must be 'complete' for hierarchy searches");
        }
        Set<String> seen = new HashSet<>();
        walk(file, codeSystem.getConcept(), seen, "CodeSystem.concept");
        if (seen.isEmpty()) {
            throw new ProfileLoadException(file, "CodeSystem has no concepts");
        }
        if (codeSystem.hasCount() && codeSystem.getCount() != seen.size()) {
            throw new ProfileLoadException(
                    file, "CodeSystem.count is " + codeSystem.getCount() + " but " + seen.size() + " concepts found");
        }
    }

    private static void walk(String file, List<ConceptDefinitionComponent> concepts, Set<String> seen, String path) {
        for (int i = 0; i < concepts.size(); i++) {
            ConceptDefinitionComponent concept = concepts.get(i);
            String here = path + "[" + i + "]";
            if (!concept.hasCode() || concept.getCode().isBlank()) {
                throw new ProfileLoadException(file, here + ".code is missing");
            }
            if (!seen.add(concept.getCode())) {
                throw new ProfileLoadException(file, here + ".code '" + concept.getCode() + "' occurs twice");
            }
            if (!concept.hasDisplay()) {
                throw new ProfileLoadException(file, here + " (" + concept.getCode() + ") has no display");
            }
            walk(file, concept.getConcept(), seen, here + ".concept");
        }
    }
}
