package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.http.HttpStatus;

/**
 * Fetches prefetch data the EHR did not send from its FHIR server, with the bearer token it gave
 * ({@code fhirAuthorization}). Any failure means the data cannot be had: 412, as the CDS Hooks spec says.
 */
public final class RemoteFhirServer implements FhirDataSource {

    private static final int MAX_PAGES = 20;

    private final HttpClient client;
    private final IParser parser;
    private final String base;
    private final String accessToken;
    private final Duration timeout;

    public RemoteFhirServer(
            FhirContext fhirContext, HttpClient client, String base, String accessToken, Duration timeout) {
        this.client = client;
        this.parser = fhirContext.newJsonParser();
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.accessToken = accessToken;
        this.timeout = timeout;
    }

    @Override
    public List<IBaseResource> fetch(String query) {
        IBaseResource first = get(base + "/" + query);
        if (!(first instanceof Bundle bundle)) {
            return List.of(first);
        }
        List<IBaseResource> resources = new ArrayList<>();
        for (int page = 0; bundle != null && page < MAX_PAGES; page++) {
            bundle.getEntry().forEach(e -> resources.add(e.getResource()));
            Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
            bundle = next == null ? null : (Bundle) get(next.getUrl());
        }
        return resources;
    }

    private IBaseResource get(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replace("|", "%7C")))
                .timeout(timeout)
                .header("Accept", "application/fhir+json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw unavailable("cannot reach the FHIR server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while fetching patient data");
        }
        if (response.statusCode() != 200) {
            throw unavailable("the FHIR server answered " + response.statusCode() + " for " + url);
        }
        try {
            return parser.parseResource(response.body());
        } catch (RuntimeException e) {
            throw unavailable("the FHIR server's answer is not FHIR JSON");
        }
    }

    private static CdsException unavailable(String why) {
        return new CdsException(
                HttpStatus.PRECONDITION_FAILED, "prefetch-unavailable", "Patient data unavailable: " + why);
    }
}
