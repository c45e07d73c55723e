package se.primarycare.cds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the FHIR store's meters with HAPI's storage layer (docs/metrics.md). */
@Configuration
public class FhirMetricsConfig {

    @Bean
    public StoredResourceCounter storedResourceCounter(
            FhirContext fhirContext, MeterRegistry registry, IInterceptorService interceptors) {
        StoredResourceCounter counter = new StoredResourceCounter(fhirContext, registry);
        interceptors.registerInterceptor(counter);
        return counter;
    }
}
