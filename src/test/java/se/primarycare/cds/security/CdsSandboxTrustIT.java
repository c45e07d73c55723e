package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.CdsHttp;
import se.primarycare.cds.support.TestEhrTokens;

/**
 * An EHR trusted as docs/cds-security.md says to trust the public CDS Hooks sandbox: its keys pasted inline
 * together with the JWKS URL its tokens name in {@code jku} (nothing is fetched), and CORS open to its origin
 * only. The test EHR stands in for the sandbox. Its own context (the shared one has no jwks-uri and any origin);
 * a low rate limit so that a 429 can be seen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsSandboxTrustIT {

    private static final String PATH = "/cds-services/primarycare-order-sign";
    private static final String ALLOWED_ORIGIN = "https://sandbox.cds-hooks.org";
    private static final String UNAUTHORIZED = "{\"error\":\"unauthorized\",\"code\":\"unauthorized\"}";

    @DynamicPropertySource
    static void trustTheTestEhrLikeTheSandbox(DynamicPropertyRegistry registry) {
        registry.add("primarycare.cds.security.issuers[0].iss", () -> TestEhrTokens.ISSUER);
        registry.add("primarycare.cds.security.issuers[0].jwks", TestEhrTokens::publicJwks);
        registry.add("primarycare.cds.security.issuers[0].jwks-uri", () -> TestEhrTokens.JWKS_URL);
        registry.add("primarycare.cds.cors-allowed-origins", () -> ALLOWED_ORIGIN);
        registry.add("primarycare.cds.rate-limit.burst", () -> 10);
        registry.add("primarycare.cds.rate-limit.per-second", () -> 1);
    }

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
    void tokenNamingTheConfiguredJwksUrlIsVerifiedWithTheInlineKeys() {
        assertThat(call(TestEhrTokens.withJku(audience, TestEhrTokens.JWKS_URL)).status())
                .isEqualTo(200);
    }

    @Test
    void tokenWithoutJkuIsVerifiedWithTheInlineKeys() {
        assertThat(call(TestEhrTokens.valid(audience)).status()).isEqualTo(200);
    }

    @Test
    void tokenNamingAnyOtherJwksUrlIs401() {
        for (String jku : new String[] {
            "https://evil.example.com/.well-known/jwks.json",
            "https://ehr.test.primarycare.se/other/jwks.json",
            TestEhrTokens.JWKS_URL + "?x=1"
        }) {
            CdsHttp.Response response = call(TestEhrTokens.withJku(audience, jku));
            assertThat(response.status()).as(jku).isEqualTo(401);
            assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        }
    }

    @Test
    void refusedCallFromTheAllowedOriginCarriesItsCorsHeaders() {
        CdsHttp.Response response = cds.post(
                PATH,
                body,
                Map.of(
                        "Authorization",
                        "Bearer " + TestEhrTokens.withJku(audience, "https://evil.example.com/jwks"),
                        "Origin",
                        ALLOWED_ORIGIN));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().get("access-control-allow-origin")).containsExactly(ALLOWED_ORIGIN);
    }

    @Test
    void otherOriginsGetNoCorsHeadersEvenOnPreflight() {
        CdsHttp.Response preflight = cds.send(HttpRequest.newBuilder(URI.create(audience))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization"));
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.headers()).doesNotContainKey("access-control-allow-origin");

        CdsHttp.Response allowed = cds.send(HttpRequest.newBuilder(URI.create(audience))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization"));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.headers().get("access-control-allow-origin")).containsExactly(ALLOWED_ORIGIN);
    }

    @Test
    void rateLimitedCallFromTheAllowedOriginCarriesItsCorsHeaders() {
        String client = "rate-limit-" + UUID.randomUUID(); // a bucket of its own
        CdsHttp.Response response = null;
        for (int i = 0; i < 40 && (response == null || response.status() != 429); i++) {
            String token = TestEhrTokens.withClaims(audience, c -> c.subject(client));
            response = cds.post(PATH, "{}", Map.of("Authorization", "Bearer " + token, "Origin", ALLOWED_ORIGIN));
        }
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers().get("access-control-allow-origin")).containsExactly(ALLOWED_ORIGIN);
    }

    private CdsHttp.Response call(String token) {
        return cds.post(PATH, body, Map.of("Authorization", "Bearer " + token));
    }
}
