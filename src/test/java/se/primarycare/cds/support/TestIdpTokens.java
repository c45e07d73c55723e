package se.primarycare.cds.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Access tokens of the test identity provider configured in {@code src/test/resources/config/application.yaml}. */
public final class TestIdpTokens {

    public static final String ISSUER = "https://idp.test.primarycare.se";
    public static final String AUDIENCE = "https://cds.test.primarycare.se/fhir";
    /** What the tests that are not about access control use: everything. */
    public static final String ALL = "system/*.cruds";

    private static final RSAKey KEY = load();

    private TestIdpTokens() {}

    private static RSAKey load() {
        try (InputStream in = TestIdpTokens.class.getResourceAsStream("/security/test-idp-private-jwks.json")) {
            return (RSAKey) JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getKeys()
                    .get(0);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for a user (subject and HSA-id) with these space-separated scopes. */
    public static String forUser(String subject, String hsaId, String scopes) {
        return sign(claims(scopes).subject(subject).claim("hsa_id", hsaId).build());
    }

    /** A system token (a backend service) with these scopes. */
    public static String withScopes(String scopes) {
        return sign(claims(scopes).subject("test-backend").build());
    }

    public static String withClaims(String scopes, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(scopes).subject("test-backend")).build());
    }

    private static JWTClaimsSet.Builder claims(String scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", scopes);
    }

    public static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(KEY.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
