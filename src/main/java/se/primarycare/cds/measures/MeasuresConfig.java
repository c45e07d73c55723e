package se.primarycare.cds.measures;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
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
import se.primarycare.cds.measures.core.MeasureDataPort;
import se.primarycare.cds.rules.CodeMatch;
import se.primarycare.cds.rules.ConditionalMember;
import se.primarycare.cds.rules.RuleLoader;
import se.primarycare.cds.terminology.FhirProfiles;
import se.primarycare.cds.terminology.ProductCatalogue;
import se.primarycare.cds.terminology.TerminologyIndex;
import se.primarycare.cds.terminology.ValueSetIndex;

/** The indicators' read model: its tables, the projector on every write, and the rebuild at start. */
@Configuration
public class MeasuresConfig {

    /** The CDS service's zone setting (CdsHooksProperties.timeZone); the indicators follow it when it is set. */
    static final String TIME_ZONE_PROPERTY = "primarycare.cds.time-zone";

    /** The CDS rule folders (CdsHooksProperties.ruleLocations): their engine.json says what epilepsy is. */
    static final String RULE_LOCATIONS_PROPERTY = "primarycare.cds.rule-locations";

    private final SwedishCalendar calendar;
    private final List<String> ruleLocations;

    public MeasuresConfig(ObjectProvider<SwedishCalendar> shared, Environment environment) {
        this.calendar = calendar(shared, environment);
        this.ruleLocations = Binder.get(environment)
                .bind(RULE_LOCATIONS_PROPERTY, Bindable.listOf(String.class))
                .orElse(List.of("classpath:cds-services/"));
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
    public ReadModelVersion readModelVersion(DataSource dataSource) {
        return ReadModelVersion.shared(dataSource);
    }

    @Bean
    public MeasureFactsProjector measureFactsProjector(
            JdbcTemplate jdbc, MeasureFactsTables tables, IInterceptorService interceptors, ReadModelVersion version) {
        MeasureFactsProjector projector = new MeasureFactsProjector(jdbc, version, calendar);
        interceptors.registerInterceptor(projector);
        return projector;
    }

    /** The Measures of fhir-profiles/ and their indicators: the lookup of every measure operation. */
    @Bean
    public MeasureCatalogue measureCatalogue(FhirProfiles profiles) {
        return new MeasureCatalogue(profiles.ofType(Measure.class));
    }

    /**
     * The indicators' codes, all from data: the ValueSets of fhir-profiles/, the product catalogue, and for
     * epilepsy the CDS engine's conditional member of the benzodiazepines (cds-services/engine.json,
     * {@code unlessDiagnosis}: G40), the one place that says when clonazepam is an antiepileptic; the ICD-10-SE
     * fragment has no G40 concept a ValueSet could name. The indicators take only that diagnosis from it: they
     * count clonazepam for an anxiety reason only (indicators.md), not the rules' "no reason and no epilepsy".
     */
    @Bean
    public IndicatorVocabulary indicatorVocabulary(ValueSetIndex valueSets, TerminologyIndex terminology) {
        ProductCatalogue products = new ProductCatalogue(terminology);
        List<CodeMatch> epilepsy = epilepsy(valueSets);
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
                        prefixes(valueSets, "psychiatric"),
                        epilepsy.stream()
                                .flatMap(m -> hints(valueSets, m).stream())
                                .toList()),
                code -> valueSets.contains("kbt", ContractSystems.KVA, code),
                code -> valueSets.contains("activity-or-far", ContractSystems.KVA, code),
                code -> epilepsy.stream().anyMatch(m -> matches(valueSets, m, code)),
                code -> valueSets.contains("medication-review", ContractSystems.KVA, code),
                code -> valueSets.contains("team-intervention", ContractSystems.KVA, code));
    }

    /**
     * The diagnoses that make clonazepam an antiepileptic: {@code unlessDiagnosis} of the conditional members of
     * the benzodiazepines in the engine settings of the CDS rule locations ({@value #RULE_LOCATIONS_PROPERTY}).
     */
    private List<CodeMatch> epilepsy(ValueSetIndex valueSets) {
        RuleLoader.EngineSettings engine = new RuleLoader(valueSets::exists).loadEngine(ruleLocations);
        return engine.conditionalMembers().stream()
                .filter(m -> m.countsIn().contains("benzodiazepines") && m.unlessDiagnosis() != null)
                .map(ConditionalMember::unlessDiagnosis)
                .filter(m -> m.valueSet() != null || ContractSystems.ICD_10_SE.equals(m.system()))
                .toList();
    }

    private static boolean matches(ValueSetIndex valueSets, CodeMatch match, String code) {
        return (match.valueSet() != null && valueSets.contains(match.valueSet(), ContractSystems.ICD_10_SE, code))
                || match.codes().contains(code)
                || match.prefixes().stream().anyMatch(code::startsWith);
    }

    private static List<String> hints(ValueSetIndex valueSets, CodeMatch match) {
        List<String> hints = new ArrayList<>(match.prefixes());
        hints.addAll(match.codes());
        if (match.valueSet() != null) {
            hints.addAll(prefixes(valueSets, match.valueSet()));
        }
        return hints;
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
    public MeasureDataPort measureDataPort(JdbcTemplate jdbc, ReadModelVersion version) {
        return new CachingMeasureData(new JdbcMeasureData(jdbc), version);
    }

    @Bean
    public IndicatorCalculator indicatorCalculator(IndicatorVocabulary vocabulary, MeasureDataPort data) {
        return new IndicatorCalculator(data, vocabulary);
    }

    @Bean
    public EvaluationTimer evaluationTimer(MeterRegistry registry) {
        return new EvaluationTimer(registry);
    }

    @Bean
    public EvaluateMeasureProvider evaluateMeasureProvider(
            MeasureCatalogue catalogue, IndicatorCalculator calculator, EvaluationTimer timer) {
        return new EvaluateMeasureProvider(catalogue, calculator, calendar, timer);
    }

    @Bean
    public RunChartProvider runChartProvider(
            MeasureCatalogue catalogue, MeasureDataPort data, IndicatorVocabulary vocabulary, EvaluationTimer timer) {
        return new RunChartProvider(catalogue, data, vocabulary, timer);
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
