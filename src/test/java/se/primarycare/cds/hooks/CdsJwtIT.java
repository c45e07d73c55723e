package se.primarycare.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Date;
import java.util.List;
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
    /** A browser-based EHR; the test configuration allows any origin (the default). */
    private static final String BROWSER_EHR = "https://sandbox.cds-hooks.org";

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
    void refusedCallFromABrowserCarriesCorsHeadersSoTheEhrSeesThe401() {
        for (String authorization : List.of("", "Bearer not-a-jwt", "Bearer " + TestEhrTokens.valid("https://x.se"))) {
            CdsHttp.Response response =
                    cds.post(PATH, body, Map.of("Authorization", authorization, "Origin", BROWSER_EHR));
            assertUnauthorized(response);
            assertThat(response.headers().get("access-control-allow-origin"))
                    .as("Access-Control-Allow-Origin on the 401 for %s", authorization)
                    .containsAnyOf(BROWSER_EHR, "*");
        }
    }

    @Test
    void preflightNeedsNoToken() {
        for (String path : List.of(PATH, PATH + "/feedback")) {
            CdsHttp.Response response = cds.send(HttpRequest.newBuilder(URI.create(cds.base() + path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", BROWSER_EHR)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type"));
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.headers().get("access-control-allow-origin")).containsAnyOf(BROWSER_EHR, "*");
            assertThat(String.join(",", response.headers().getOrDefault("access-control-allow-headers", List.of()))
                            .toLowerCase())
                    .contains("authorization", "content-type");
            assertThat(String.join(",", response.headers().getOrDefault("access-control-allow-methods", List.of())))
                    .contains("POST");
        }
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
