package se.primarycare.cds.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the bearer JWT an EHR sends with a CDS Hooks call: signed with ES384 or RS384 (never {@code none} or an
 * HMAC, whose shared secret would let anyone holding it impersonate the EHR), by a key of an allowlisted issuer,
 * for this service ({@code aud}), not expired, not issued in the future, and used once ({@code jti}).
 */
public final class CdsJwtVerifier {

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);

    private final Map<String, CdsJwtProperties.Issuer> issuers = new HashMap<>();
    private final Map<String, URI> jwksUris = new HashMap<>();
    private final Map<String, JWKSource<SecurityContext>> keySources = new HashMap<>();
    private final TokenReplayGuard usedTokens;
    private final long skewSeconds;
    private final Clock clock;

    public CdsJwtVerifier(CdsJwtProperties properties, Clock clock, TokenReplayGuard usedTokens) {
        this.usedTokens = usedTokens;
        this.skewSeconds = properties.effectiveSkewSeconds();
        this.clock = clock;
        for (CdsJwtProperties.Issuer issuer : properties.issuers()) {
            issuers.put(issuer.iss(), issuer);
            URI jwksUri = jwksUri(issuer);
            if (jwksUri != null) {
                jwksUris.put(issuer.iss(), jwksUri);
            }
            keySources.put(issuer.iss(), keySource(issuer, jwksUri));
        }
    }

    /** The issuer's configured JWKS URL, checked at start also when its keys are inline (it is then never fetched). */
    private static URI jwksUri(CdsJwtProperties.Issuer issuer) {
        if (issuer.jwksUri() == null || issuer.jwksUri().isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(issuer.jwksUri().trim()).normalize();
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (!web || uri.getHost() == null) {
                throw new URISyntaxException(issuer.jwksUri(), "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "primarycare.cds.security.issuers: jwks-uri of " + issuer.iss() + " is not a URL: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Inline keys when configured (nothing is fetched then), else the keys published at the JWKS URL. */
    private static JWKSource<SecurityContext> keySource(CdsJwtProperties.Issuer issuer, URI jwksUri) {
        try {
            if (issuer.jwks() != null && !issuer.jwks().isBlank()) {
                return new ImmutableJWKSet<>(JWKSet.parse(issuer.jwks()));
            }
            if (jwksUri != null) {
                return JWKSourceBuilder.create(jwksUri.toURL()).build();
            }
        } catch (ParseException | MalformedURLException e) {
            throw new IllegalArgumentException(
                    "primarycare.cds.security.issuers: keys of " + issuer.iss() + " cannot be read: " + e.getMessage(),
                    e);
        }
        throw new IllegalArgumentException(
                "primarycare.cds.security.issuers: " + issuer.iss() + " needs jwks or jwks-uri");
    }

    /** Empty when the token is valid for one of {@code audiences}; otherwise why not (for the log only). */
    public Optional<String> problem(String token, List<String> audiences) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!ALLOWED.contains(header.getAlgorithm())) {
                return Optional.of("algorithm " + header.getAlgorithm() + " is not allowed");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            CdsJwtProperties.Issuer issuer = issuers.get(claims.getIssuer());
            if (issuer == null) {
                return Optional.of("issuer " + claims.getIssuer() + " is not allowlisted");
            }
            if (!jkuAllowed(issuer.iss(), header.getJWKURL())) {
                return Optional.of("jku " + header.getJWKURL() + " is not the issuer's configured jwks-uri");
            }
            Optional<JWK> key = key(claims.getIssuer(), header);
            if (key.isEmpty()) {
                return Optional.of("no key " + header.getKeyID() + " for issuer " + claims.getIssuer());
            }
            if (!jwt.verify(verifier(key.get()))) {
                return Optional.of("bad signature");
            }
            return checkClaims(claims, audiences);
        } catch (ParseException e) {
            return Optional.of("not a signed JWT");
        } catch (JOSEException e) {
            return Optional.of("signature cannot be checked: " + e.getMessage());
        }
    }

    /**
     * A token may name where its issuer's keys are ({@code jku}; the CDS Hooks sandbox always does). Keys are never
     * fetched from a URL a token names: the only {@code jku} accepted is the issuer's configured jwks-uri, and the
     * keys are then the configured ones (inline keys when given, otherwise those fetched from that URL). Scheme
     * and host compare without regard to case, as URLs do; anything else must match exactly.
     */
    private boolean jkuAllowed(String iss, URI jku) {
        if (jku == null) {
            return true;
        }
        URI configured = jwksUris.get(iss);
        return configured != null && configured.equals(jku.normalize());
    }

    private Optional<String> checkClaims(JWTClaimsSet claims, List<String> audiences) {
        Instant now = clock.instant();
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
            return Optional.of("audience " + claims.getAudience() + " is not this service " + audiences);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().plusSeconds(skewSeconds).isBefore(now)) {
            return Optional.of("expired or no exp");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().minusSeconds(skewSeconds).isAfter(now)) {
            return Optional.of("issued in the future or no iat");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            return Optional.of("no jti");
        }
        if (!usedTokens.firstUse(claims.getIssuer() + "|" + jti, exp.toInstant().plusSeconds(skewSeconds), now)) {
            return Optional.of("jti replayed");
        }
        return Optional.empty();
    }

    private Optional<JWK> key(String iss, JWSHeader header) {
        try {
            List<JWK> keys = keySources.get(iss).get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
            return keys.stream().findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static JWSVerifier verifier(JWK key) throws JOSEException {
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec.toECPublicKey());
        }
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa.toRSAPublicKey());
        }
        throw new JOSEException("unsupported key type " + key.getKeyType());
    }
}
