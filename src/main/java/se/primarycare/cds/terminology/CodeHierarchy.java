package se.primarycare.cds.terminology;

import java.util.Comparator;
import java.util.Optional;

/**
 * Places a code in its system's hierarchy even when the loaded CodeSystem does not list it, from the code's
 * spelling: ATC codes are prefixes of their descendants (N05BA07 is below N05BA); ICD-10-SE subcodes extend
 * their category (F43.8A → F43.8 → F43) and categories fall in block ranges (F46 is in F40-F48). So a
 * prescription of an ATC substance the fragment lacks still counts as a benzodiazepine.
 */
public final class CodeHierarchy {

    public static final String ATC = "http://www.whocc.no/atc";
    public static final String ICD_10_SE = "http://hl7.org/fhir/sid/icd-10-se";

    private final TerminologyIndex terminology;

    public CodeHierarchy(TerminologyIndex terminology) {
        this.terminology = terminology;
    }

    /** True when {@code code} is {@code ancestor} or below it, listed or not. */
    public boolean isSelfOrBelow(String system, String code, String ancestor) {
        if (code == null || ancestor == null) {
            return false;
        }
        if (code.equals(ancestor) || terminology.isSelfOrBelow(system, code, ancestor)) {
            return true;
        }
        return nearestListedAncestor(system, code)
                .map(listed -> terminology.isSelfOrBelow(system, listed.code(), ancestor))
                .orElse(false);
    }

    /** The closest concept of the loaded CodeSystem at or above the code, by the rules of its spelling. */
    public Optional<Concept> nearestListedAncestor(String system, String code) {
        Optional<Concept> listed = terminology.concept(system, code);
        if (listed.isPresent()) {
            return listed;
        }
        if (ATC.equals(system)) {
            for (int length = code.length() - 1; length >= 1; length--) {
                Optional<Concept> prefix = terminology.concept(system, code.substring(0, length));
                if (prefix.isPresent()) {
                    return prefix;
                }
            }
        } else if (ICD_10_SE.equals(system) && code.length() >= 3) {
            for (String shorter = icdParent(code); shorter != null; shorter = icdParent(shorter)) {
                Optional<Concept> parent = terminology.concept(system, shorter);
                if (parent.isPresent()) {
                    return parent;
                }
            }
            return narrowestIcdBlock(code.substring(0, 3));
        }
        return Optional.empty();
    }

    private static String icdParent(String code) {
        if (code.length() <= 3) {
            return null;
        }
        String shorter = code.substring(0, code.length() - 1);
        return shorter.endsWith(".") ? shorter.substring(0, 3) : shorter;
    }

    private Optional<Concept> narrowestIcdBlock(String category) {
        if (!category.matches("[A-Z][0-9]{2}")) {
            return Optional.empty();
        }
        char letter = category.charAt(0);
        int number = Integer.parseInt(category.substring(1, 3));
        return terminology.concepts(ICD_10_SE).stream()
                .filter(c -> isRangeContaining(c.code(), letter, number))
                .min(Comparator.comparingInt(c -> rangeWidth(c.code())));
    }

    private static boolean isRangeContaining(String code, char letter, int number) {
        if (!code.matches("[A-Z][0-9]{2}-[A-Z][0-9]{2}") || code.charAt(0) != letter || code.charAt(4) != letter) {
            return false;
        }
        return Integer.parseInt(code.substring(1, 3)) <= number && number <= Integer.parseInt(code.substring(5, 7));
    }

    private static int rangeWidth(String range) {
        return Integer.parseInt(range.substring(5, 7)) - Integer.parseInt(range.substring(1, 3));
    }
}
