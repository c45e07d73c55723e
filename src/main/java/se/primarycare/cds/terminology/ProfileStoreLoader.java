package se.primarycare.cds.terminology;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores every file of {@code fhir-profiles/} in the FHIR store under its own id, before the application
 * reports itself ready. A file whose content and resource are as the last start left them is skipped (the
 * {@link ProfileLedger}; HAPI's own no-op update of the 66 files took ~4 s of every start); an edited file becomes
 * a new version, and a resource changed through the API is put back to its file.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProfileStoreLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProfileStoreLoader.class);

    private final FhirProfiles profiles;
    private final DaoRegistry daoRegistry;
    private final ProfileLedger ledger;

    public ProfileStoreLoader(FhirProfiles profiles, DaoRegistry daoRegistry, JdbcTemplate jdbc) {
        this.profiles = profiles;
        this.daoRegistry = daoRegistry;
        this.ledger = new ProfileLedger(jdbc);
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
        String fingerprint = fingerprint(dao, resource);
        Optional<ProfileLedger.Entry> last = ledger.last(file.fileName());
        if (last.isPresent()
                && last.get().fingerprint().equals(fingerprint)
                && last.get().versionId().equals(storedVersion(dao, resource))) {
            return "unchanged";
        }
        try {
            DaoMethodOutcome outcome = dao.update(resource, new SystemRequestDetails());
            ledger.stored(
                    file.fileName(),
                    new ProfileLedger.Entry(fingerprint, outcome.getId().getVersionIdPart()));
            if (Boolean.TRUE.equals(outcome.getCreated())) {
                return "created";
            }
            return outcome.isNop() ? "unchanged" : "updated";
        } catch (RuntimeException e) {
            throw new ProfileLoadException(file.fileName(), "the FHIR store rejected it: " + e.getMessage(), e);
        }
    }

    private static String fingerprint(IFhirResourceDao<MetadataResource> dao, MetadataResource resource) {
        String json = dao.getContext().newJsonParser().encodeResourceToString(resource);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The version the store holds now, or null when it holds none (never stored, or deleted). */
    private static String storedVersion(IFhirResourceDao<MetadataResource> dao, MetadataResource resource) {
        try {
            return dao.read(resource.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails())
                    .getIdElement()
                    .getVersionIdPart();
        } catch (ResourceNotFoundException | ResourceGoneException absent) {
            return null;
        }
    }
}
