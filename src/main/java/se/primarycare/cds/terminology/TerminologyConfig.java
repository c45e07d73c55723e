package se.primarycare.cds.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Parses {@code fhir-profiles/} once, while the context starts, so a bad file fails the start. */
@Configuration
public class TerminologyConfig {

    @Bean
    public FhirProfiles fhirProfiles(FhirContext fhirContext, TerminologyProperties properties) {
        return FhirProfiles.load(fhirContext, properties.location());
    }

    @Bean
    public TerminologyIndex terminologyIndex(FhirProfiles profiles) {
        return TerminologyIndex.of(profiles.ofType(CodeSystem.class));
    }

    @Bean
    public CodeHierarchy codeHierarchy(TerminologyIndex terminology) {
        return new CodeHierarchy(terminology);
    }

    @Bean
    public ValueSetIndex valueSetIndex(FhirProfiles profiles, CodeHierarchy hierarchy) {
        return new ValueSetIndex(profiles.ofType(ValueSet.class), hierarchy);
    }

    @Bean
    public ConceptMapIndex conceptMapIndex(FhirProfiles profiles) {
        return new ConceptMapIndex(profiles.ofType(ConceptMap.class));
    }

    @Bean
    public BelowSearchExpander belowSearchExpander(TerminologyIndex terminology, IInterceptorService interceptors) {
        BelowSearchExpander expander = new BelowSearchExpander(terminology);
        interceptors.registerInterceptor(expander);
        return expander;
    }
}
