package se.primarycare.cds.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OAuth2 protection of the FHIR API: bearer JWTs from the region's identity provider, with SMART on FHIR scopes.
 *
 * @param enabled on by default; the {@code dev} profile switches it off and says so in the log and on the
 *     dashboard
 * @param issuer the {@code iss} every token must carry
 * @param jwkSetUri where the issuer publishes its signing keys (production)
 * @param jwks the keys as an inline JWKS document instead (tests, air-gapped installations)
 * @param audience when set, the {@code aud} every token must contain (the FHIR base URL as the IdP knows it)
 * @param hsaIdClaim the claim carrying the user's HSA-id, written to the audit log when present
 * @param authorizeEndpoint published in {@code .well-known/smart-configuration}
 * @param tokenEndpoint published in {@code .well-known/smart-configuration}
 */
@ConfigurationProperties("primarycare.security")
public record ApiSecurityProperties(
        @DefaultValue("true") boolean enabled,
        String issuer,
        String jwkSetUri,
        String jwks,
        String audience,
        @DefaultValue("hsa_id") String hsaIdClaim,
        String authorizeEndpoint,
        String tokenEndpoint) {}
