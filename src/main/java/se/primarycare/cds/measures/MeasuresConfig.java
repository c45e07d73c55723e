package se.primarycare.cds.measures;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.primarycare.cds.fhir.SwedishCalendar;
import se.primarycare.cds.fhir.contract.ContractSystems;
import se.primarycare.cds.measures.core.IndicatorCalculator;
import se.primarycare.cds.measures.core.IndicatorVocabulary;
import se.primarycare.cds.terminology.FhirProfiles;
import se.primarycare.cds.terminology.ProductCatalogue;
import se.primarycare.cds.terminology.TerminologyIndex;
import se.primarycare.cds.terminology.ValueSetIndex;

/** The indicators' read model: its tables, the projector on every write, and the rebuild at start. */
@Configuration
public class MeasuresConfig {

    /** The CDS service's zone setting (CdsHooksProperties.timeZone); the indicators follow it when it is set. */
    static final String TIME_ZONE_PROPERTY = "primarycare.cds.time-zone";

    private final SwedishCalendar calendar;

    public MeasuresConfig(ObjectProvider<SwedishCalendar> shared, Environment environment) {
        this.calendar = calendar(shared, environment);
    }

    /**
     * One date conversion for CDS and indicators: the application's SwedishCalendar bean when there is one, else
     * the zone configured for the CDS service, else Swedish time (data-contract.md).
     */
    static SwedishCalendar calendar(ObjectProvider<SwedishCalendar> shared, Environment environment) {
        SwedishCalendar bean = shared.getIfUnique();
        if (bean != null) {
            return bean;
        }
        String zone = environment.getProperty(TIME_ZONE_PROPERTY);
        return zone == null || zone.isBlank() ? SwedishCalendar.sweden() : new SwedishCalendar(ZoneId.of(zone.trim()));
    }

    @Bean
    public MeasureFactsTables measureFactsTables(JdbcTemplate jdbc) {
        MeasureFactsTables tables = new MeasureFactsTables(jdbc);
        tables.create();
        return tables;
    }

    @Bean
    public ReadModelVersion readModelVersion() {
        return new ReadModelVersion();
    }

    @Bean
    public MeasureFactsProjector measureFactsProjector(
            JdbcTemplate jdbc, MeasureFactsTables tables, IInterceptorService interceptors, ReadModelVersion version) {
        MeasureFactsProjector projector = new MeasureFactsProjector(jdbc, version, calendar);
        interceptors.registerInterceptor(projector);
        return projector;
    }

    @Bean
    public IndicatorCatalogue indicatorCatalogue(FhirProfiles profiles) {
        return new IndicatorCatalogue(profiles.ofType(Measure.class));
    }

    @Bean
    public IndicatorVocabulary indicatorVocabulary(ValueSetIndex valueSets, TerminologyIndex terminology) {
        ProductCatalogue products = new ProductCatalogue(terminology);
        return new IndicatorVocabulary(
                code -> valueSets.contains("anxiety", ContractSystems.ICD_10_SE, code),
                code -> valueSets.contains("psychiatric", ContractSystems.ICD_10_SE, code),
                atc -> atc.startsWith("N05BA"),
                atc -> valueSets.contains("benzodiazepines", ContractSystems.ATC, atc) && !atc.startsWith("N05BA"),
                atc -> valueSets.contains("z-drugs", ContractSystems.ATC, atc),
                code -> products.product(code).map(p -> new IndicatorVocabulary.ProductDose(p.strengthMg(), p.dddMg())),
                new IndicatorVocabulary.QueryHints(
                        prefixes(valueSets, "benzodiazepines"),
                        prefixes(valueSets, "z-drugs"),
                        prefixes(valueSets, "anxiety"),
                        prefixes(valueSets, "psychiatric")),
                code -> valueSets.contains("kbt", ContractSystems.KVA, code),
                code -> valueSets.contains("activity-or-far", ContractSystems.KVA, code));
    }

    /**
     * Prefixes every member of a ValueSet starts with: its codes and is-a roots; for an ICD block root such as
     * F40-F48, the part its first and last category share (F4), a coarse but safe narrowing.
     */
    static List<String> prefixes(ValueSetIndex valueSets, String id) {
        ValueSet valueSet = valueSets.valueSet(id).orElseThrow();
        List<String> prefixes = new ArrayList<>();
        for (var include : valueSet.getCompose().getInclude()) {
            include.getConcept().forEach(c -> prefixes.add(c.getCode()));
            include.getFilter().forEach(f -> prefixes.add(blockPrefix(f.getValue())));
        }
        return prefixes;
    }

    private static String blockPrefix(String code) {
        int dash = code.indexOf('-');
        if (dash < 0) {
            return code;
        }
        String first = code.substring(0, dash);
        String last = code.substring(dash + 1);
        int shared = 0;
        while (shared < Math.min(first.length(), last.length()) && first.charAt(shared) == last.charAt(shared)) {
            shared++;
        }
        return first.substring(0, shared);
    }

    @Bean
    public IndicatorCalculator indicatorCalculator(
            IndicatorVocabulary vocabulary, JdbcTemplate jdbc, ReadModelVersion version) {
        return new IndicatorCalculator(new CachingMeasureData(new JdbcMeasureData(jdbc), version), vocabulary);
    }

    @Bean
    public EvaluateMeasureProvider evaluateMeasureProvider(
            IndicatorCatalogue catalogue, IndicatorCalculator calculator) {
        return new EvaluateMeasureProvider(catalogue, calculator, calendar);
    }

    @Bean
    public RunChartProvider runChartProvider(IndicatorCatalogue catalogue, IndicatorCalculator calculator) {
        return new RunChartProvider(catalogue, calculator);
    }

    @Bean
    public MeasureFactsRebuilder measureFactsRebuilder(
            MeasureFactsTables tables,
            MeasureFactsProjector projector,
            DaoRegistry daos,
            PlatformTransactionManager transactionManager) {
        return new MeasureFactsRebuilder(tables, projector, daos, new TransactionTemplate(transactionManager));
    }
}
