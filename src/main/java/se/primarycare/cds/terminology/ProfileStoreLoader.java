package se.primarycare.cds.terminology;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores every file of {@code fhir-profiles/} in the FHIR store under its own id, before the application
 * reports itself ready. An update whose content equals the stored version is a no-op in HAPI (no new
 * version, no re-indexing), so a restart changes nothing and an edited file becomes a new version.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProfileStoreLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProfileStoreLoader.class);

    private final FhirProfiles profiles;
    private final DaoRegistry daoRegistry;

    public ProfileStoreLoader(FhirProfiles profiles, DaoRegistry daoRegistry) {
        this.profiles = profiles;
        this.daoRegistry = daoRegistry;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (ProfileFile file : profiles.files()) {
            outcomes.merge(store(file), 1, Integer::sum);
        }
        log.info("fhir-profiles: {} files {} -> {}", profiles.files().size(), profiles.countsByType(), outcomes);
    }

    @SuppressWarnings("unchecked")
    private String store(ProfileFile file) {
        MetadataResource resource = file.resource().copy();
        IFhirResourceDao<MetadataResource> dao = daoRegistry.getResourceDao(file.resourceType());
        try {
            DaoMethodOutcome outcome = dao.update(resource, new SystemRequestDetails());
            if (Boolean.TRUE.equals(outcome.getCreated())) {
                return "created";
            }
            return outcome.isNop() ? "unchanged" : "updated";
        } catch (RuntimeException e) {
            throw new ProfileLoadException(file.fileName(), "the FHIR store rejected it: " + e.getMessage(), e);
        }
    }
}
