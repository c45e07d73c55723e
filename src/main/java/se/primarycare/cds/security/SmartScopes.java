package se.primarycare.cds.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMART on FHIR scopes of a token and what they allow. v2 scopes ({@code user/MedicationRequest.cru},
 * {@code system/*.rs}) and v1 scopes ({@code user/Patient.read}, {@code .write}, {@code .*}) are understood.
 *
 * <p>Deliberately not granted: {@code patient/} scopes (they need a launch context this server does not issue)
 * and v2 scopes with a query restriction ({@code ?category=...}), which it cannot enforce. A scope that is not
 * understood grants nothing.
 */
public final class SmartScopes {

    /** The interactions of SMART v2: create, read, update, delete, search. */
    public enum Interaction {
        CREATE('c'),
        READ('r'),
        UPDATE('u'),
        DELETE('d'),
        SEARCH('s');

        final char letter;

        Interaction(char letter) {
            this.letter = letter;
        }
    }

    private static final Pattern SCOPE =
            Pattern.compile("(user|system)/([A-Z][A-Za-z]*|\\*)\\.(read|write|\\*|c?r?u?d?s?)");

    private record Grant(String resourceType, String letters) {}

    private final List<Grant> grants;

    private SmartScopes(List<Grant> grants) {
        this.grants = grants;
    }

    public static SmartScopes parse(Collection<String> scopes) {
        List<Grant> grants = new ArrayList<>();
        for (String scope : scopes) {
            Matcher m = SCOPE.matcher(scope.trim());
            if (!m.matches() || m.group(3).isEmpty()) {
                continue;
            }
            String letters =
                    switch (m.group(3).toLowerCase(Locale.ROOT)) {
                        case "read" -> "rs";
                        case "write" -> "cud";
                        case "*" -> "cruds";
                        default -> m.group(3);
                    };
            grants.add(new Grant(m.group(2), letters));
        }
        return new SmartScopes(List.copyOf(grants));
    }

    /** Whether some scope allows the interaction on the resource type ({@code *} = every type together). */
    public boolean allows(String resourceType, Interaction interaction) {
        return grants.stream()
                .anyMatch(g -> (g.resourceType.equals("*") || g.resourceType.equals(resourceType))
                        && g.letters.indexOf(interaction.letter) >= 0);
    }

    /** The scope to ask for, for error messages: e.g. {@code user/Patient.r}. */
    public static String needed(String resourceType, Interaction interaction) {
        return "user/" + resourceType + "." + interaction.letter + " (or system/" + resourceType + "."
                + interaction.letter + ")";
    }
}
