package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.CdsHttp;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.TestEhrTokens;
import se.primarycare.cds.support.TestIdpTokens;

/** Issue 6: request body limit (413), search page cap and the per-client CDS rate limit (429). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LimitsIT {

    private static final int MAX_BODY = 20 * 1024 * 1024; // the default primarycare.fhir.max-body-size

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFhirBodyOverTheLimitIs413WhetherDeclaredOrChunkedAndNothingIsStored() throws Exception {
        FhirHttp fhir = new FhirHttp(port);
        int before = fhir.count("Organization?name=Stor");
        String huge = "{\"resourceType\":\"Organization\",\"name\":\"Stor " + "x".repeat(MAX_BODY) + "\"}";
        for (HttpRequest.BodyPublisher body : List.of(
                HttpRequest.BodyPublishers.ofString(huge),
                HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(fhir.base() + "/Organization"))
                            .header("Content-Type", "application/fhir+json")
                            .header("Authorization", "Bearer " + TestIdpTokens.withScopes(TestIdpTokens.ALL))
                            .POST(body)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("OperationOutcome").contains("too-long");
        }
        assertThat(fhir.count("Organization?name=Stor")).isEqualTo(before);
    }

    @Test
    void searchPagesAreCappedAndTheRestIsReachableByTheNextLink() {
        FhirHttp fhir = new FhirHttp(port);
        Bundle units = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 130; i++) {
            units.addEntry()
                    .setResource(Fixtures.unit(null, "SE2321000065-PAGE" + i, "Sidindelning " + i))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Organization");
        }
        fhir.transaction(units).expectOk(Bundle.class);
        Bundle page = fhir.get("Organization?name=Sidindelning&_count=1000").expectOk(Bundle.class);
        assertThat(page.getEntry()).hasSize(100); // primarycare.fhir.max-page-size in the test configuration
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
        assertThat(fhir.searchAll("Organization?name=Sidindelning")).hasSize(130);
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhileOthersAreServed() {
        CdsHttp cds = new CdsHttp(port);
        String path = "/cds-services/primarycare-order-sign";
        List<Integer> statuses = new ArrayList<>();
        CdsHttp.Response limited = null;
        for (int i = 0; i < 1000 && limited == null; i++) {
            String flooder = TestEhrTokens.withClaims(cds.base() + path, c -> c.subject("flooder"));
            CdsHttp.Response response = cds.post(path, "{}", Map.of("Authorization", "Bearer " + flooder));
            statuses.add(response.status());
            if (response.status() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 within 1000 calls").isNotNull();
        // the default burst is 100: the first hundred were served (400: the body is not a hook request)
        assertThat(statuses.subList(0, 100)).containsOnly(400);
        assertThat(limited.body()).contains("\"code\":\"rate-limited\"");
        assertThat(limited.headers()).containsKey("retry-after");

        String other = TestEhrTokens.withClaims(cds.base() + path, c -> c.subject("another-ehr"));
        assertThat(cds.post(path, "{}", Map.of("Authorization", "Bearer " + other))
                        .status())
                .isEqualTo(400);
    }
}
