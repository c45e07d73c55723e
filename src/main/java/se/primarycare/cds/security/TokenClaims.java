package se.primarycare.cds.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reading the claims this server relies on, whichever of the usual spellings the identity provider uses. */
public final class TokenClaims {

    private TokenClaims() {}

    /** {@code scope} as a space-separated string (RFC 8693 / SMART) or {@code scp} as a list. */
    public static Collection<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String text) {
            return Arrays.asList(text.trim().split("\\s+"));
        }
        if (scope instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        List<String> scp = jwt.getClaimAsStringList("scp");
        return scp == null ? List.of() : scp;
    }
}
