package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/** Reads prefetch data straight from this server's JPA store (no HTTP round trip to ourselves). */
public final class LocalFhirStore implements FhirDataSource {

    private final FhirContext fhirContext;
    private final DaoRegistry daos;
    private final MatchUrlService matchUrls;

    public LocalFhirStore(FhirContext fhirContext, DaoRegistry daos, MatchUrlService matchUrls) {
        this.fhirContext = fhirContext;
        this.daos = daos;
        this.matchUrls = matchUrls;
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
