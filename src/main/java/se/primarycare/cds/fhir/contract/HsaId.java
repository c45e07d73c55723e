package se.primarycare.cds.fhir.contract;

import java.util.regex.Pattern;

/**
 * The form of an HSA-id (Inera's catalogue of Swedish health-care units and staff): {@code SE}, the catalogue
 * owner's 10-digit organisation number without hyphen, {@code -}, then at least one letter A–Z/a–z or digit
 * (no å, ä, ö, no {@code @}), at most 31 characters in all. Example: {@code SE2321000065-1001} (a unit of Region
 * Jönköpings län, organisation number 232100-0065).
 *
 * <p>One check for every HSA-id the contract names, units and clinicians alike. It checks the form only: whether
 * the id exists in the HSA catalogue cannot be known here.
 */
public final class HsaId {

    static final int MAX_LENGTH = 31;
    private static final Pattern FORM = Pattern.compile("SE[0-9]{10}-[A-Za-z0-9]+");

    /** What {@link #problem} says the form is, for messages and profile definitions. */
    public static final String FORM_DESCRIPTION = "SE + the 10-digit organisation number + '-' + letters A-Z/a-z or "
            + "digits, at most " + MAX_LENGTH + " characters, e.g. SE2321000065-1001";

    private HsaId() {}

    public static boolean isValid(String value) {
        return value != null
                && value.length() <= MAX_LENGTH
                && FORM.matcher(value).matches();
    }

    /** Null when {@code value} has the form of an HSA-id; otherwise why not. */
    public static String problem(String value) {
        return isValid(value) ? null : "'" + value + "' is not an HSA-id (" + FORM_DESCRIPTION + ")";
    }
}
