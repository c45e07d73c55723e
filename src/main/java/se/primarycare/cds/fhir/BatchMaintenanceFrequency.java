package se.primarycare.cds.fhir;

import ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Runs HAPI's batch-job maintenance (which moves bulk exports and reindex jobs from step to step) more often than
 * its clustered default of once a minute: a bulk export has three gated steps, so a small export took over three
 * minutes. On a single node the extra pass is one cheap query.
 */
final class BatchMaintenanceFrequency implements BeanPostProcessor {

    private final long millis;

    BatchMaintenanceFrequency(long millis) {
        this.millis = millis;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof JobMaintenanceServiceImpl maintenance) {
            maintenance.setScheduledJobFrequencyMillis(millis);
        }
        return bean;
    }
}
