package se.primarycare.cds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts resources written to the store ({@code fhir.resources.stored}, docs/metrics.md) by resource type and
 * action. A storage hook, not a REST one, so transactions, the terminology loader and bulk loads count too; the
 * count is taken when the transaction commits, so a rolled-back transaction bundle counts nothing.
 */
@Interceptor
public final class StoredResourceCounter {

    private final FhirContext fhirContext;
    private final MeterRegistry registry;

    public StoredResourceCounter(FhirContext fhirContext, MeterRegistry registry) {
        this.fhirContext = fhirContext;
        this.registry = registry;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        count(resource, "create");
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated) {
        count(updated, "update");
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        count(resource, "delete");
    }

    private void count(IBaseResource resource, String action) {
        Counter counter = Counter.builder("fhir.resources.stored")
                .description("Resources committed to the FHIR store, by resource type and action")
                .tag("type", fhirContext.getResourceType(resource))
                .tag("action", action)
                .register(registry);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }
}
