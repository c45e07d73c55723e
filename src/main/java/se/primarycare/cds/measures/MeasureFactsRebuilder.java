package se.primarycare.cds.measures;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the indicators' read model from the FHIR store when it is missing or of an older version (a database
 * filled before this feature, or a changed projection), before the server reports itself ready.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class MeasureFactsRebuilder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MeasureFactsRebuilder.class);
    private static final List<String> TYPES =
            List.of("Patient", "Condition", "MedicationRequest", "Procedure", "Observation", "CarePlan");
    private static final int PAGE = 500;

    private final MeasureFactsTables tables;
    private final MeasureFactsProjector projector;
    private final DaoRegistry daos;
    private final TransactionTemplate transactions;

    public MeasureFactsRebuilder(
            MeasureFactsTables tables, MeasureFactsProjector projector, DaoRegistry daos, TransactionTemplate tx) {
        this.tables = tables;
        this.projector = projector;
        this.daos = daos;
        this.transactions = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tables.storedVersion() == MeasureFactsTables.VERSION) {
            return;
        }
        long started = System.nanoTime();
        transactions.executeWithoutResult(status -> tables.clear());
        int count = 0;
        for (String type : TYPES) {
            // Only the ids are held in memory; resources are read and projected a page at a time.
            IFhirResourceDao<?> dao = daos.getResourceDao(type);
            SearchParameterMap all = SearchParameterMap.newSynchronous();
            List<IResourcePersistentId<?>> ids = dao.searchForIds(all, new SystemRequestDetails());
            for (int from = 0; from < ids.size(); from += PAGE) {
                List<IResourcePersistentId<?>> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
                transactions.executeWithoutResult(status -> page.forEach(id -> projector.project(dao.readByPid(id))));
            }
            count += ids.size();
        }
        transactions.executeWithoutResult(status -> tables.markBuilt());
        log.info(
                "Indicator read model rebuilt from {} resources in {} ms",
                count,
                (System.nanoTime() - started) / 1_000_000);
    }
}
