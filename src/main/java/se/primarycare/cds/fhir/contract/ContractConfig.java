package se.primarycare.cds.fhir.contract;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.primarycare.cds.terminology.CodeHierarchy;

/** Registers the data-contract enforcement with HAPI's storage layer. */
@Configuration
public class ContractConfig {

    @Bean
    public ContractEnforcingInterceptor contractEnforcingInterceptor(
            FhirContext fhirContext, CodeHierarchy hierarchy, IInterceptorService interceptors) {
        ContractEnforcingInterceptor interceptor = new ContractEnforcingInterceptor(
                fhirContext, new ContractNormalizer(fhirContext), new ContractValidator(new IcdCodeCheck(hierarchy)));
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }
}
