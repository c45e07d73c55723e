package se.primarycare.cds.rules;

import java.util.List;
import se.primarycare.cds.terminology.ValueSetIndex;

/** Decides whether codings fall under a rule's {@link CodeMatch}, using the in-memory ValueSets. */
public final class CodeMatcher {

    private final ValueSetIndex valueSets;

    public CodeMatcher(ValueSetIndex valueSets) {
        this.valueSets = valueSets;
    }

    public boolean matchesAny(CodeMatch match, List<Coded> codings) {
        return match != null && codings.stream().anyMatch(c -> matches(match, c));
    }

    public boolean matches(CodeMatch match, Coded coding) {
        if (match == null || coding == null || coding.code() == null) {
            return false;
        }
        if (match.valueSet() != null) {
            return valueSets.contains(match.valueSet(), coding.system(), coding.code());
        }
        if (match.system() == null || !match.system().equals(coding.system())) {
            return false;
        }
        return match.codes().contains(coding.code())
                || match.prefixes().stream().anyMatch(coding.code()::startsWith);
    }

    /** For the rule loader: a ValueSet a rule names must exist. */
    public boolean knowsValueSet(String valueSet) {
        return valueSets.exists(valueSet);
    }
}
