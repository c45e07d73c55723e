package se.primarycare.cds.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo population exists only where it is switched on ({@code primarycare.demo.enabled}, the dev profile). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "primarycare.demo.enabled", havingValue = "true")
class DemoConfig {

    @Bean
    DemoPopulationLoader demoPopulationLoader(
            DemoProperties properties, DaoRegistry daos, IFhirSystemDao<Bundle, Meta> system, FhirContext fhirContext) {
        return new DemoPopulationLoader(properties, daos, system, fhirContext);
    }
}
