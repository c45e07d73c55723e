package se.primarycare.cds.rules;

import java.util.List;

/** Why a medication is given: the order's {@code reasonCode} codings and {@code reasonReference} Conditions. */
public record Reason(List<Coded> codes, List<String> references) {

    public static final Reason NONE = new Reason(List.of(), List.of());

    public Reason {
        codes = List.copyOf(codes);
        references = List.copyOf(references);
    }

    public boolean given() {
        return !codes.isEmpty() || !references.isEmpty();
    }
}
