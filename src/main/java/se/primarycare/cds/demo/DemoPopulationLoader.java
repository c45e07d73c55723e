package se.primarycare.cds.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Loads the demo population into an empty store before the server reports itself ready. It runs each bundle as
 * one FHIR transaction inside the server, so the contract checks and the indicators' read model see it as they
 * see any upload; a store that has patients is left alone (a restart never loads the demo twice, and real data
 * is never mixed with invented patients).
 */
@Order(Ordered.LOWEST_PRECEDENCE)
public class DemoPopulationLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPopulationLoader.class);

    private final DemoProperties properties;
    private final DaoRegistry daos;
    private final IFhirSystemDao<Bundle, Meta> system;
    private final FhirContext fhirContext;

    public DemoPopulationLoader(
            DemoProperties properties, DaoRegistry daos, IFhirSystemDao<Bundle, Meta> system, FhirContext fhirContext) {
        this.properties = properties;
        this.daos = daos;
        this.system = system;
        this.fhirContext = fhirContext;
    }

    @Override
    public void run(ApplicationArguments args) {
        Path directory = properties.directory().toAbsolutePath().normalize();
        if (!Files.isRegularFile(directory.resolve("organizations.json"))) {
            log.warn(
                    "Demo population: nothing at {} (build the project first: ./mvnw package -DskipTests); "
                            + "starting without it",
                    directory);
            return;
        }
        if (storeHasPatients()) {
            log.info("Demo population: the store already has patients; not loading {}", directory);
            return;
        }
        long started = System.nanoTime();
        int resources = 0;
        for (Path file : bundleFiles(directory)) {
            resources += transaction(file);
        }
        log.warn(
                "Demo population: loaded {} synthetic resources from {} in {} ms (invented patients, dev only)",
                resources,
                directory,
                (System.nanoTime() - started) / 1_000_000);
    }

    private boolean storeHasPatients() {
        SearchParameterMap firstPatient = SearchParameterMap.newSynchronous();
        firstPatient.setLoadSynchronousUpTo(1);
        return !daos.getResourceDao("Patient")
                .search(firstPatient, new SystemRequestDetails())
                .isEmpty();
    }

    /** Units and PALs first (patients reference them), then the patient bundles in name order. */
    private static List<Path> bundleFiles(Path directory) {
        List<Path> files = new ArrayList<>();
        files.add(directory.resolve("organizations.json"));
        try (DirectoryStream<Path> bundles = Files.newDirectoryStream(directory, "bundle-*.json")) {
            List<Path> patients = new ArrayList<>();
            bundles.forEach(patients::add);
            patients.sort(null);
            files.addAll(patients);
        } catch (IOException e) {
            throw new UncheckedIOException("Demo population: cannot list " + directory, e);
        }
        return files;
    }

    private int transaction(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, reader);
            system.transaction(new SystemRequestDetails(), bundle);
            return bundle.getEntry().size();
        } catch (IOException e) {
            throw new UncheckedIOException("Demo population: cannot read " + file, e);
        }
    }
}
