package se.primarycare.cds.fhir.contract;

import java.util.Locale;
import java.util.regex.Pattern;

/** Spelling rules of ICD-10-SE codes: stored with a dot ({@code F41.1}, {@code F43.8A}). */
public final class Icd10Se {

    private static final Pattern WITHOUT_DOT = Pattern.compile("([A-Z][0-9]{2})([0-9A-Z]{1,2})");
    private static final Pattern DIAGNOSIS_CODE = Pattern.compile("[A-Z][0-9]{2}(\\.[0-9][0-9A-Z]?)?");

    private Icd10Se() {}

    /** {@code "f411 "} becomes {@code "F41.1"}; anything that is not a code without dot is only trimmed. */
    public static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String upper = code.trim().toUpperCase(Locale.ROOT);
        var matcher = WITHOUT_DOT.matcher(upper);
        return matcher.matches() ? matcher.group(1) + "." + matcher.group(2) : upper;
    }

    /** A code a diagnosis can carry (a category or subcode, not a chapter or block range). */
    public static boolean isDiagnosisCode(String code) {
        return code != null && DIAGNOSIS_CODE.matcher(code).matches();
    }

    /** The three-character category of a diagnosis code: {@code F43.8A} → {@code F43}. */
    public static String category(String code) {
        return code.substring(0, 3);
    }
}
