package se.primarycare.cds.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/** A plain HTTP client for the FHIR endpoint, so tests see the same status codes and bodies an EHR sees. */
public final class FhirHttp {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final IParser parser = FHIR.newJsonParser();
    private final String token;

    /** A client with a token allowing everything (system/*.cruds). */
    public FhirHttp(int port) {
        this(port, TestIdpTokens.withScopes(TestIdpTokens.ALL));
    }

    /** A client sending this bearer token, or none when null. */
    public FhirHttp(int port, String token) {
        this.base = "http://localhost:" + port + "/fhir";
        this.token = token;
    }

    /** The same server with another token (null: none). */
    public FhirHttp withToken(String otherToken) {
        return new FhirHttp(Integer.parseInt(base.replaceAll(".*:(\\d+)/fhir$", "$1")), otherToken);
    }

    public String token() {
        return token;
    }

    public String base() {
        return base;
    }

    public Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().header("Accept", FHIR_JSON));
    }

    /** A GET asking for another representation (e.g. {@code text/csv}). */
    public Response get(String pathAndQuery, String accept) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().header("Accept", accept));
    }

    /** A GET asking for another representation in a language ({@code Accept-Language}). */
    public Response get(String pathAndQuery, String accept, String acceptLanguage) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery))
                .GET()
                .header("Accept", accept)
                .header("Accept-Language", acceptLanguage));
    }

    public Response post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", FHIR_JSON));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", FHIR_JSON));
    }

    public Response create(IBaseResource resource) {
        return post(resource.fhirType(), parser.encodeResourceToString(resource));
    }

    /** Creates the resource and returns its new id as {@code Type/id}; fails the test on an error. */
    public String createId(IBaseResource resource) {
        return create(resource)
                .expectOk(Resource.class)
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
    }

    /** Stores a vårdcentral under a fixed id (as the synthetic loader does) and returns the id. */
    public String putUnit(String id, String name) {
        put("Organization/" + id, parser.encodeResourceToString(Fixtures.unit(id, "SE2321000065-" + id, name)))
                .expectOk(Resource.class);
        return id;
    }

    public Response transaction(Bundle bundle) {
        return post("", parser.encodeResourceToString(bundle));
    }

    /** Runs a search and follows every next link, returning all matches. */
    public List<Resource> searchAll(String query) {
        List<Resource> found = new ArrayList<>();
        Bundle page =
                get(query + (query.contains("?") ? "&" : "?") + "_count=200").expectOk(Bundle.class);
        while (true) {
            page.getEntry().forEach(e -> found.add(e.getResource()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return found;
            }
            page = send(HttpRequest.newBuilder(
                                    URI.create(page.getLink(Bundle.LINK_NEXT).getUrl()))
                            .GET()
                            .header("Accept", FHIR_JSON))
                    .expectOk(Bundle.class);
        }
    }

    public int count(String query) {
        return get(query + (query.contains("?") ? "&" : "?") + "_summary=count")
                .expectOk(Bundle.class)
                .getTotal();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private URI uri(String pathAndQuery) {
        return URI.create(pathAndQuery.isEmpty() ? base : base + "/" + pathAndQuery);
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response as received, with helpers that fail the test with the body when it is not as expected. */
    public record Response(int status, String body, String contentType) {

        public <T extends IBaseResource> T expectOk(Class<T> type) {
            if (status / 100 != 2) {
                throw new AssertionError("expected 2xx, got " + status + ": " + body);
            }
            IBaseResource parsed = FHIR.newJsonParser().parseResource(body);
            return type.cast(parsed);
        }

        public OperationOutcome outcome() {
            return FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
        }
    }
}
