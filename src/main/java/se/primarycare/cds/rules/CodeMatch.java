package se.primarycare.cds.rules;

import java.util.List;

/**
 * Which codes a rule means: a ValueSet of {@code fhir-profiles/} (by id or canonical url), or codes / code
 * prefixes of one system (for codes the loaded fragment does not hold, e.g. ICD-10-SE G40 epilepsy).
 */
public record CodeMatch(String valueSet, String system, List<String> codes, List<String> prefixes) {

    public CodeMatch {
        codes = codes == null ? List.of() : List.copyOf(codes);
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
    }

    public static CodeMatch valueSet(String valueSet) {
        return new CodeMatch(valueSet, null, null, null);
    }
}
