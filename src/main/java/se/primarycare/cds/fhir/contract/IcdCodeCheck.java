package se.primarycare.cds.fhir.contract;

import java.util.Comparator;
import java.util.Optional;
import se.primarycare.cds.terminology.Concept;
import se.primarycare.cds.terminology.TerminologyIndex;

/**
 * Decides whether an ICD-10-SE code can exist, using the loaded ICD-10-SE CodeSystem.
 *
 * <p>The CodeSystem is a fragment (the F chapter in part, insomnia and burn-out codes). A code it lists is
 * known. A code it does not list is rejected only when its nearest listed ancestor carries
 * {@code subcodes-complete = true}: then the official list below that ancestor is all there, so for example
 * F41.7 and F46 cannot exist. Codes of categories the fragment does not cover (J06.9, F20.0) are accepted.
 */
public final class IcdCodeCheck {

    static final String SUBCODES_COMPLETE = "subcodes-complete";

    private final TerminologyIndex terminology;

    public IcdCodeCheck(TerminologyIndex terminology) {
        this.terminology = terminology;
    }

    /** Empty when the code is acceptable; otherwise why not. */
    public Optional<String> problem(String code) {
        if (!Icd10Se.isDiagnosisCode(code)) {
            return Optional.of("'" + code + "' is not an ICD-10-SE diagnosis code (expected e.g. F41.1 or F43.8A)");
        }
        if (terminology.concept(ContractSystems.ICD_10_SE, code).isPresent()) {
            return Optional.empty();
        }
        Optional<Concept> nearest = nearestListedAncestor(code);
        if (nearest.isPresent() && nearest.get().flag(SUBCODES_COMPLETE)) {
            return Optional.of("'" + code + "' is not an ICD-10-SE code (not under "
                    + nearest.get().code() + ")");
        }
        return Optional.empty();
    }

    private Optional<Concept> nearestListedAncestor(String code) {
        for (String prefix = parentSpelling(code); prefix != null; prefix = parentSpelling(prefix)) {
            Optional<Concept> concept = terminology.concept(ContractSystems.ICD_10_SE, prefix);
            if (concept.isPresent()) {
                return concept;
            }
        }
        return narrowestBlockContaining(Icd10Se.category(code));
    }

    /** F43.8A → F43.8 → F43; a category has no spelled parent (its block is found by range). */
    private static String parentSpelling(String code) {
        if (code.length() <= 3) {
            return null;
        }
        String shorter = code.substring(0, code.length() - 1);
        return shorter.endsWith(".") ? shorter.substring(0, 3) : shorter;
    }

    private Optional<Concept> narrowestBlockContaining(String category) {
        char letter = category.charAt(0);
        int number = Integer.parseInt(category.substring(1, 3));
        return terminology.concepts(ContractSystems.ICD_10_SE).stream()
                .filter(c -> isRangeContaining(c.code(), letter, number))
                .min(Comparator.comparingInt(c -> rangeWidth(c.code())));
    }

    private static boolean isRangeContaining(String code, char letter, int number) {
        if (code.length() != 7 || code.charAt(3) != '-' || code.charAt(0) != letter || code.charAt(4) != letter) {
            return false;
        }
        return Integer.parseInt(code.substring(1, 3)) <= number && number <= Integer.parseInt(code.substring(5, 7));
    }

    private static int rangeWidth(String range) {
        return Integer.parseInt(range.substring(5, 7)) - Integer.parseInt(range.substring(1, 3));
    }
}
