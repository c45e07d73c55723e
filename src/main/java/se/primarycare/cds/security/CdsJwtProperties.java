package se.primarycare.cds.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * JWT verification of CDS Hooks calls (CDS Hooks 2.0, "Trusting CDS Clients").
 *
 * @param enabled on by default; switching it off logs a warning at every start
 * @param issuers the EHRs allowed to call, each with its keys: a JWKS given inline or a JWKS URL
 * @param audiences the service URLs as the EHRs know them (behind a proxy); empty = the URL of the request
 * @param clockSkewSeconds tolerance for {@code exp} and {@code iat}; at least 60 (the reference sandbox signs
 *     {@code iat} slightly in the future)
 */
@ConfigurationProperties("primarycare.cds.security")
public record CdsJwtProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<Issuer> issuers,
        @DefaultValue List<String> audiences,
        @DefaultValue("60") int clockSkewSeconds) {

    /**
     * @param iss the issuer ({@code iss} claim) as the EHR writes it
     * @param jwks the issuer's public keys as a JWKS JSON document; when given, the keys used (nothing is fetched)
     * @param jwksUri where the issuer publishes its keys: fetched from there when {@code jwks} is not given. The
     *     only {@code jku} header a token may carry (a token without one is fine); give it together with inline
     *     {@code jwks} for an EHR whose tokens name their JWKS URL, such as the CDS Hooks sandbox. See
     *     docs/cds-security.md
     */
    public record Issuer(String iss, String jwks, String jwksUri) {}

    public int effectiveSkewSeconds() {
        return Math.max(60, clockSkewSeconds);
    }
}
