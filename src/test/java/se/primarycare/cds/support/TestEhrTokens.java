package se.primarycare.cds.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Signs CDS Hooks JWTs as the test EHR configured in {@code src/test/resources/config/application.yaml}. */
public final class TestEhrTokens {

    public static final String ISSUER = "https://ehr.test.primarycare.se";
    /** Where the test EHR would publish its keys: what a test configures as its jwks-uri (never fetched). */
    public static final String JWKS_URL = "https://ehr.test.primarycare.se/.well-known/jwks.json";

    private static final JWKSet KEYS = load();

    private TestEhrTokens() {}

    private static JWKSet load() {
        try (InputStream in = TestEhrTokens.class.getResourceAsStream("/security/test-ehr-private-jwks.json")) {
            return JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid ES384 token for the audience. */
    public static String valid(String audience) {
        return es384(claims(audience).build());
    }

    /** A token whose claims the caller changes (e.g. an expired exp). */
    public static String withClaims(String audience, UnaryOperator<JWTClaimsSet.Builder> change) {
        return es384(change.apply(claims(audience)).build());
    }

    /** A valid ES384 token whose header names a JWKS URL ({@code jku}), as the CDS Hooks sandbox sends. */
    public static String withJku(String audience, String jku) {
        return es384(claims(audience).build(), URI.create(jku));
    }

    /** The test EHR's public keys as a JWKS document, as an issuer's inline {@code jwks} holds them. */
    public static String publicJwks() {
        return KEYS.toPublicJWKSet().toString();
    }

    public static JWTClaimsSet.Builder claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    public static String es384(JWTClaimsSet claims) {
        return es384(claims, null);
    }

    private static String es384(JWTClaimsSet claims, URI jku) {
        try {
            ECKey key = (ECKey) KEYS.getKeyByKeyId("test-ehr-es384");
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES384)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .jwkURL(jku)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs384(JWTClaimsSet claims) {
        try {
            RSAKey key = (RSAKey) KEYS.getKeyByKeyId("test-ehr-rs384");
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS384)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
