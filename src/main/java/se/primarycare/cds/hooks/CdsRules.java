package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.primarycare.cds.rules.CardBudget;
import se.primarycare.cds.rules.CardFactory;
import se.primarycare.cds.rules.CodeMatcher;
import se.primarycare.cds.rules.MedicationNames;
import se.primarycare.cds.rules.RuleDefinition;
import se.primarycare.cds.rules.RuleEngine;
import se.primarycare.cds.rules.RuleLoader;
import se.primarycare.cds.rules.Vocabulary;
import se.primarycare.cds.terminology.ConceptMapIndex;
import se.primarycare.cds.terminology.ProductCatalogue;
import se.primarycare.cds.terminology.TerminologyIndex;
import se.primarycare.cds.terminology.ValueSetIndex;

/**
 * The CDS service put together from its data (rule files, engine settings, services.json) and the terminology:
 * plain objects, no Spring, so the rule fixtures run through exactly the production path in-process.
 */
public record CdsRules(
        CdsHooksProperties properties,
        FhirContext fhirContext,
        ConceptMapIndex conceptMaps,
        ObjectMapper json,
        RuleEngine engine,
        CdsServiceCatalogue catalogue) {

    public static CdsRules load(
            CdsHooksProperties properties,
            FhirContext fhirContext,
            TerminologyIndex terminology,
            ValueSetIndex valueSets,
            ConceptMapIndex conceptMaps,
            ObjectMapper json) {
        RuleLoader loader = new RuleLoader(valueSets::exists);
        List<RuleDefinition> rules = loader.load(properties.ruleLocations());
        RuleLoader.EngineSettings settings = loader.loadEngine(properties.ruleLocations());
        Vocabulary terms = new Vocabulary(
                new CodeMatcher(valueSets),
                new ProductCatalogue(terminology),
                new MedicationNames(terminology),
                terminology,
                settings.conditionalMembers());
        Map<String, List<String>> mergeInto = new HashMap<>();
        rules.forEach(r -> mergeInto.put(r.id(), r.mergeInto()));
        CardBudget budget = new CardBudget(
                properties.cardBudget().maxCardsPerDraft(),
                properties.cardBudget().ruleOrder(),
                mergeInto);
        RuleEngine engine = new RuleEngine(
                rules, terms, new CardFactory(terms, conceptMaps, settings.texts(), properties.links()), budget);
        return new CdsRules(properties, fhirContext, conceptMaps, json, engine, new CdsServiceCatalogue(json));
    }

    public CdsHookService service(CardLog log, Clock clock) {
        return new CdsHookService(
                drafts(), loader(), facts(), engine, new CardWriter(json, fhirContext), log, json, clock);
    }

    public DraftOrderReader drafts() {
        return new DraftOrderReader(fhirContext, conceptMaps);
    }

    public PatientDataLoader loader() {
        return new PatientDataLoader(fhirContext, catalogue.prefetch());
    }

    public PatientFactsMapper facts() {
        return new PatientFactsMapper(CdsHooksConfig.calendar(properties));
    }
}
