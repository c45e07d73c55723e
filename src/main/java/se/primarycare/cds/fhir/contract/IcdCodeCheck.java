package se.primarycare.cds.fhir.contract;

import java.util.Optional;
import se.primarycare.cds.terminology.CodeHierarchy;
import se.primarycare.cds.terminology.Concept;

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

    private final CodeHierarchy hierarchy;

    public IcdCodeCheck(CodeHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** Empty when the code is acceptable; otherwise why not. */
    public Optional<String> problem(String code) {
        if (!Icd10Se.isDiagnosisCode(code)) {
            return Optional.of("'" + code + "' is not an ICD-10-SE diagnosis code (expected e.g. F41.1 or F43.8A)");
        }
        Optional<Concept> nearest = hierarchy.nearestListedAncestor(ContractSystems.ICD_10_SE, code);
        if (nearest.isPresent()
                && !nearest.get().code().equals(code)
                && nearest.get().flag(SUBCODES_COMPLETE)) {
            return Optional.of("'" + code + "' is not an ICD-10-SE code (not under "
                    + nearest.get().code() + ")");
        }
        return Optional.empty();
    }
}
