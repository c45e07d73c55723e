package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.primarycare.cds.fhir.SwedishCalendar;
import se.primarycare.cds.rules.RuleEngine;
import se.primarycare.cds.terminology.ConceptMapIndex;
import se.primarycare.cds.terminology.TerminologyIndex;
import se.primarycare.cds.terminology.ValueSetIndex;

/** Wires the CDS Hooks service: rules from {@code cds-services/}, data access, cards and feedback (CORS: security.CdsSecurityConfig). */
@Configuration
public class CdsHooksConfig {

    private final CdsHooksProperties properties;

    public CdsHooksConfig(CdsHooksProperties properties) {
        this.properties = properties;
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public CdsRules cdsRules(
            FhirContext fhirContext,
            TerminologyIndex terminology,
            ValueSetIndex valueSets,
            ConceptMapIndex conceptMaps,
            ObjectMapper json) {
        return CdsRules.load(properties, fhirContext, terminology, valueSets, conceptMaps, json);
    }

    @Bean
    public RuleEngine ruleEngine(CdsRules rules) {
        return rules.engine();
    }

    @Bean
    public CdsServiceCatalogue cdsServiceCatalogue(CdsRules rules) {
        return rules.catalogue();
    }

    @Bean
    public FeedbackStore feedbackStore(JdbcTemplate jdbc, CdsMetrics metrics) {
        return new FeedbackStore(jdbc, metrics.cardLogLag());
    }

    @Bean
    public CdsMetrics cdsMetrics(MeterRegistry registry) {
        return new CdsMetrics(registry);
    }

    @Bean
    public CdsHookService cdsHookService(CdsRules rules, FeedbackStore feedback, CdsMetrics metrics, Clock clock) {
        return rules.service(new CountedCardLog(feedback, metrics), clock);
    }

    @Bean
    public CdsWarmUp cdsWarmUp(
            CdsRules rules,
            CdsServiceCatalogue catalogue,
            ObjectMapper json,
            Clock clock,
            WebServerApplicationContext web) {
        return new CdsWarmUp(rules, catalogue, json, clock, web);
    }

    @Bean(destroyMethod = "close")
    public LocalFhirStore localFhirStore(FhirContext fhirContext, DaoRegistry daos, MatchUrlService matchUrls) {
        return new LocalFhirStore(fhirContext, daos, matchUrls, properties.localFetchThreads());
    }

    @Bean
    public FhirDataSources fhirDataSources(FhirContext fhirContext, LocalFhirStore local) {
        return new FhirDataSources(
                local,
                fhirContext,
                Duration.ofSeconds(properties.remoteFetchTimeoutSeconds()),
                properties.selfBaseUrls());
    }

    static SwedishCalendar calendar(CdsHooksProperties properties) {
        return new SwedishCalendar(ZoneId.of(properties.timeZone()));
    }
}
