package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where a call's missing data is read from: this server's own store when {@code fhirServer} is absent or names
 * this server (a configured self URL, or the base the request came in on), else the EHR's FHIR server with the
 * token it gave.
 */
public final class FhirDataSources {

    private final FhirDataSource local;
    private final FhirContext fhirContext;
    private final HttpClient http;
    private final Duration timeout;
    private final List<String> selfBaseUrls;

    public FhirDataSources(FhirDataSource local, FhirContext fhirContext, Duration timeout, List<String> selfBaseUrls) {
        this.local = local;
        this.fhirContext = fhirContext;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.selfBaseUrls =
                selfBaseUrls.stream().map(FhirDataSources::normalise).toList();
    }

    /**
     * @param ownFhirBase this server's FHIR base as the request reached it (e.g. {@code http://host:8080/fhir})
     */
    public FhirDataSource forRequest(HookRequest request, String ownFhirBase) {
        return isSelf(request.fhirServer(), ownFhirBase)
                ? local
                : new RemoteFhirServer(fhirContext, http, request.fhirServer(), request.accessToken(), timeout);
    }

    private boolean isSelf(String fhirServer, String ownFhirBase) {
        if (fhirServer == null || fhirServer.isBlank()) {
            return true;
        }
        String wanted = normalise(fhirServer);
        if (selfBaseUrls.contains(wanted)) {
            return true;
        }
        if (ownFhirBase == null) {
            return false;
        }
        String own = normalise(ownFhirBase);
        return wanted.equals(own)
                || wanted.equals(own.replace("://localhost:", "://127.0.0.1:"))
                || wanted.equals(own.replace("://127.0.0.1:", "://localhost:"));
    }

    private static String normalise(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
