package se.primarycare.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.CdsHttp;
import se.primarycare.cds.support.TestEhrTokens;

/** CDS Hooks JWT checks: what the EHR must send, and what is refused with a bare 401. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsJwtIT {

    private static final String PATH = "/cds-services/primarycare-order-sign";

    @LocalServerPort
    int port;

    CdsHttp cds;
    String body;
    String audience;

    @BeforeAll
    void setUp() {
        cds = new CdsHttp(port);
        audience = cds.base() + PATH;
        body = CdsFixture.all().stream()
                .filter(f -> f.name().equals("benzo-anxiety/fires-active-anxiety-oxazepam.json"))
                .findFirst()
                .orElseThrow()
                .request()
                .toString();
    }

    @Test
    void validEs384AndRs384TokensPass() {
        assertThat(call(TestEhrTokens.valid(audience)).status()).isEqualTo(200);
        assertThat(call(TestEhrTokens.rs384(TestEhrTokens.claims(audience).build()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void iatSlightlyInTheFutureIsTolerated() {
        String token =
                TestEhrTokens.withClaims(audience, c -> c.issueTime(new Date(System.currentTimeMillis() + 30_000)));
        assertThat(call(token).status()).isEqualTo(200);
    }

    @Test
    void missingTokenIs401() {
        assertUnauthorized(cds.post(PATH, body, Map.of("Authorization", "")));
    }

    @Test
    void expiredTokenIs401() {
        assertUnauthorized(call(TestEhrTokens.withClaims(
                audience, c -> c.expirationTime(new Date(System.currentTimeMillis() - 120_000)))));
    }

    @Test
    void wrongAudienceIs401() {
        assertUnauthorized(call(TestEhrTokens.valid("https://other.example.se/cds-services/x")));
    }

    @Test
    void unknownIssuerIs401() {
        assertUnauthorized(call(TestEhrTokens.withClaims(audience, c -> c.issuer("https://evil.example.se"))));
    }

    @Test
    void algNoneIs401() {
        JWTClaimsSet claims = TestEhrTokens.claims(audience).build();
        String unsigned = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + Base64URL.encode(claims.toString()) + ".";
        assertUnauthorized(call(unsigned));
    }

    @Test
    void hmacTokenIs401() throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                TestEhrTokens.claims(audience).build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
        assertUnauthorized(call(jwt.serialize()));
    }

    @Test
    void replayedJtiIs401() {
        String token = TestEhrTokens.valid(audience);
        assertThat(call(token).status()).isEqualTo(200);
        assertUnauthorized(call(token));
    }

    @Test
    void tamperedSignatureIs401() {
        String token = TestEhrTokens.valid(audience);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertUnauthorized(call(tampered));
    }

    @Test
    void discoveryNeedsNoToken() {
        assertThat(cds.get("/cds-services").status()).isEqualTo(200);
    }

    private CdsHttp.Response call(String token) {
        return cds.post(PATH, body, Map.of("Authorization", "Bearer " + token));
    }

    private static void assertUnauthorized(CdsHttp.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\",\"code\":\"unauthorized\"}");
    }
}
