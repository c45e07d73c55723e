package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * Reads prefetch data straight from this server's JPA store (no HTTP round trip to ourselves). The searches of one
 * call run side by side on a small pool: each is a short JPA query whose latency is mostly fixed overhead, so the
 * call waits for the slowest instead of the sum.
 */
public final class LocalFhirStore implements FhirDataSource, AutoCloseable {

    private final FhirContext fhirContext;
    private final DaoRegistry daos;
    private final MatchUrlService matchUrls;
    private final ExecutorService searches;

    public LocalFhirStore(FhirContext fhirContext, DaoRegistry daos, MatchUrlService matchUrls, int threads) {
        this.fhirContext = fhirContext;
        this.daos = daos;
        this.matchUrls = matchUrls;
        AtomicInteger count = new AtomicInteger();
        this.searches = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread thread = new Thread(task, "cds-local-fetch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<List<IBaseResource>> fetchAll(List<String> queries) {
        List<CompletableFuture<List<IBaseResource>>> running = queries.stream()
                .map(query -> CompletableFuture.supplyAsync(() -> fetch(query), searches))
                .toList();
        try {
            return running.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        searches.shutdown();
    }

    @Override
    public List<IBaseResource> fetch(String query) {
        int question = query.indexOf('?');
        if (question < 0) {
            IdType id = new IdType(query);
            try {
                return List.of(daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails()));
            } catch (ResourceNotFoundException e) {
                return List.of();
            }
        }
        String type = query.substring(0, question);
        SearchParameterMap parameters = matchUrls.translateMatchUrl(query, fhirContext.getResourceDefinition(type));
        parameters.setLoadSynchronous(true);
        parameters.setCount(null);
        return daos.getResourceDao(type)
                .search(parameters, new SystemRequestDetails())
                .getAllResources();
    }
}
