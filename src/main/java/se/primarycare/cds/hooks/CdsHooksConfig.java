package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import se.primarycare.cds.rules.CodeMatcher;
import se.primarycare.cds.rules.MedicationNames;
import se.primarycare.cds.rules.RuleEngine;
import se.primarycare.cds.rules.RuleLoader;
import se.primarycare.cds.terminology.ConceptMapIndex;
import se.primarycare.cds.terminology.ProductCatalogue;
import se.primarycare.cds.terminology.TerminologyIndex;
import se.primarycare.cds.terminology.ValueSetIndex;

/** Wires the CDS Hooks service: rules from {@code cds-services/}, data access, cards, feedback and CORS. */
@Configuration
public class CdsHooksConfig implements WebMvcConfigurer {

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
    public RuleEngine ruleEngine(ValueSetIndex valueSets, TerminologyIndex terminology) {
        var rules = new RuleLoader(valueSets::exists).load(properties.ruleLocations());
        return new RuleEngine(
                rules, new CodeMatcher(valueSets), new ProductCatalogue(terminology), new MedicationNames(terminology));
    }

    @Bean
    public CdsServiceCatalogue cdsServiceCatalogue(ObjectMapper json) {
        return new CdsServiceCatalogue(json);
    }

    @Bean
    public FeedbackStore feedbackStore(JdbcTemplate jdbc) {
        return new FeedbackStore(jdbc);
    }

    @Bean
    public CdsHookService cdsHookService(
            CdsServiceCatalogue catalogue,
            FhirContext fhirContext,
            ConceptMapIndex conceptMaps,
            RuleEngine engine,
            FeedbackStore feedback,
            DaoRegistry daos,
            MatchUrlService matchUrls,
            ObjectMapper json,
            Clock clock) {
        ZoneId zone = ZoneId.of(properties.timeZone());
        LocalFhirStore local = new LocalFhirStore(fhirContext, daos, matchUrls);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(properties.remoteFetchTimeoutSeconds()))
                .build();
        Function<HookRequest, FhirDataSource> sources = request -> isSelf(request.fhirServer())
                ? local
                : new RemoteFhirServer(
                        fhirContext,
                        http,
                        request.fhirServer(),
                        request.accessToken(),
                        Duration.ofSeconds(properties.remoteFetchTimeoutSeconds()));
        return new CdsHookService(
                catalogue,
                new DraftOrderReader(fhirContext, conceptMaps),
                new PatientDataLoader(fhirContext, catalogue.prefetch()),
                new PatientFactsMapper(zone),
                engine,
                new CardWriter(json, fhirContext),
                feedback,
                sources,
                json,
                clock,
                zone);
    }

    /** No fhirServer, a configured self URL, or this request's own /fhir base: read the local store. */
    private boolean isSelf(String fhirServer) {
        if (fhirServer == null || fhirServer.isBlank()) {
            return true;
        }
        String wanted = normalise(fhirServer);
        if (properties.selfBaseUrls().stream().map(CdsHooksConfig::normalise).anyMatch(wanted::equals)) {
            return true;
        }
        String own = normalise(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/fhir")
                .toUriString());
        return wanted.equals(own)
                || wanted.equals(own.replace("://localhost:", "://127.0.0.1:"))
                || wanted.equals(own.replace("://127.0.0.1:", "://localhost:"));
    }

    private static String normalise(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        List<String> origins = properties.corsAllowedOrigins();
        for (String path : List.of("/cds-services", "/cds-services/**")) {
            registry.addMapping(path)
                    .allowedOriginPatterns(origins.toArray(String[]::new))
                    .allowedMethods("GET", "POST", "OPTIONS")
                    .allowedHeaders("Authorization", "Content-Type", "Accept", "Accept-Language")
                    .allowCredentials(false)
                    .maxAge(3600);
        }
    }
}
