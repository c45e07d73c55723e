package se.primarycare.cds.rules;

import java.util.List;
import se.primarycare.cds.terminology.ProductCatalogue;
import se.primarycare.cds.terminology.TerminologyIndex;

/**
 * The terminology as the rules use it: value-set membership (with the conditional members of
 * cds-services/engine.json applied), the product catalogue, names for texts, and whether a code is verified.
 */
public final class Vocabulary {

    private static final String VALUE_SET_BASE = "https://fhir.primarycare.se/ValueSet/";

    private final CodeMatcher codes;
    private final ProductCatalogue products;
    private final MedicationNames names;
    private final TerminologyIndex terminology;
    private final List<ConditionalMember> conditionalMembers;

    public Vocabulary(
            CodeMatcher codes,
            ProductCatalogue products,
            MedicationNames names,
            TerminologyIndex terminology,
            List<ConditionalMember> conditionalMembers) {
        this.codes = codes;
        this.products = products;
        this.names = names;
        this.terminology = terminology;
        this.conditionalMembers = List.copyOf(conditionalMembers);
    }

    public boolean matches(CodeMatch match, List<Coded> codings) {
        return codes.matchesAny(match, codings);
    }

    public boolean matches(CodeMatch match, Coded coding) {
        return codes.matches(match, coding);
    }

    /**
     * The medication is in {@code match}, given why it is prescribed and to whom: a conditional member
     * (clonazepam) counts in its value sets only for its reason, or without a reason unless the patient has
     * the excluding diagnosis (epilepsy).
     */
    public boolean medicationIn(CodeMatch match, List<Coded> medication, Reason reason, PatientFacts facts) {
        if (!codes.matchesAny(match, medication)) {
            return false;
        }
        return conditionalMembers.stream()
                .filter(member -> appliesTo(member, match) && codes.matchesAny(member.medication(), medication))
                .allMatch(member -> countsFor(member, reason, facts));
    }

    private static boolean appliesTo(ConditionalMember member, CodeMatch match) {
        if (match.valueSet() == null) {
            return false;
        }
        String id = match.valueSet().startsWith(VALUE_SET_BASE)
                ? match.valueSet().substring(VALUE_SET_BASE.length())
                : match.valueSet();
        return member.countsIn().contains(id);
    }

    private boolean countsFor(ConditionalMember member, Reason reason, PatientFacts facts) {
        if (reasonIn(member.reason(), reason, facts)) {
            return true;
        }
        return !reason.given()
                && facts.diagnoses().stream().noneMatch(d -> codes.matchesAny(member.unlessDiagnosis(), d.codes()));
    }

    /** The order's reason (a code, or a referenced Condition that counts) is in {@code match}. */
    public boolean reasonIn(CodeMatch match, Reason reason, PatientFacts facts) {
        return reason.codes().stream().anyMatch(c -> codes.matches(match, c))
                || reason.references().stream()
                        .flatMap(ref -> facts.diagnosis(ref).stream())
                        .anyMatch(d -> codes.matchesAny(match, d.codes()));
    }

    /** A code may be put in an order only when its CodeSystem row is verified (codes/README.md). */
    public boolean verified(Coded coding) {
        return terminology
                .concept(coding.system(), coding.code())
                .map(concept -> concept.flag("verified"))
                .orElse(false);
    }

    /** The coding with the CodeSystem's own display (the official title), so a suggestion never shows an old one. */
    public Coded withOfficialDisplay(Coded coding) {
        return terminology
                .concept(coding.system(), coding.code())
                .map(concept -> new Coded(coding.system(), coding.code(), concept.display()))
                .orElse(coding);
    }

    public ProductCatalogue products() {
        return products;
    }

    public MedicationNames names() {
        return names;
    }
}
