package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.support.TestEhrTokens;

/**
 * Which {@code jku} header a token may carry: only its issuer's configured jwks-uri, whether the keys are inline or
 * fetched; the keys never come from the URL a token names.
 */
class CdsJwtVerifierJkuTest {

    private static final String AUDIENCE = "https://cds.test.primarycare.se/cds-services/primarycare-order-sign";

    @Test
    void inlineKeysWithTheirJwksUrlAcceptTheTokensThatNameIt() {
        CdsJwtVerifier verifier = verifier(TestEhrTokens.publicJwks(), TestEhrTokens.JWKS_URL);
        assertThat(problem(verifier, TestEhrTokens.withJku(AUDIENCE, TestEhrTokens.JWKS_URL)))
                .isEmpty();
        assertThat(problem(verifier, TestEhrTokens.valid(AUDIENCE))).isEmpty();
    }

    @Test
    void schemeAndHostOfTheJkuCompareWithoutCase() {
        CdsJwtVerifier verifier = verifier(TestEhrTokens.publicJwks(), TestEhrTokens.JWKS_URL);
        String shouted = "HTTPS://EHR.Test.PrimaryCare.se/.well-known/jwks.json";
        assertThat(problem(verifier, TestEhrTokens.withJku(AUDIENCE, shouted))).isEmpty();
    }

    @Test
    void aJkuOtherThanTheConfiguredJwksUrlIsRefused() {
        CdsJwtVerifier verifier = verifier(TestEhrTokens.publicJwks(), TestEhrTokens.JWKS_URL);
        for (String jku : List.of(
                "https://evil.example.com/.well-known/jwks.json",
                "https://ehr.test.primarycare.se/.well-known/JWKS.json",
                "http://ehr.test.primarycare.se/.well-known/jwks.json",
                TestEhrTokens.JWKS_URL + "?x=1")) {
            assertThat(problem(verifier, TestEhrTokens.withJku(AUDIENCE, jku)))
                    .as(jku)
                    .hasValueSatisfying(p -> assertThat(p).startsWith("jku "));
        }
    }

    @Test
    void inlineKeysWithoutAJwksUrlRefuseEveryJku() {
        CdsJwtVerifier verifier = verifier(TestEhrTokens.publicJwks(), null);
        assertThat(problem(verifier, TestEhrTokens.withJku(AUDIENCE, TestEhrTokens.JWKS_URL)))
                .hasValueSatisfying(p -> assertThat(p).startsWith("jku "));
        assertThat(problem(verifier, TestEhrTokens.valid(AUDIENCE))).isEmpty();
    }

    @Test
    void aJwksUrlThatIsNoUrlFailsTheStartEvenWithInlineKeys() {
        assertThatThrownBy(() -> verifier(TestEhrTokens.publicJwks(), "ehr.test.primarycare.se/jwks"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwks-uri of " + TestEhrTokens.ISSUER);
    }

    private static CdsJwtVerifier verifier(String jwks, String jwksUri) {
        return new CdsJwtVerifier(
                new CdsJwtProperties(
                        true, List.of(new CdsJwtProperties.Issuer(TestEhrTokens.ISSUER, jwks, jwksUri)), List.of(), 60),
                Clock.systemUTC(),
                TokenReplayGuard.inMemory());
    }

    private static java.util.Optional<String> problem(CdsJwtVerifier verifier, String token) {
        return verifier.problem(token, List.of(AUDIENCE));
    }
}
