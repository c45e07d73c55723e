package se.primarycare.cds.support;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import se.primarycare.cds.hooks.CdsHooksProperties;
import se.primarycare.cds.hooks.CdsRules;
import se.primarycare.cds.terminology.CodeHierarchy;
import se.primarycare.cds.terminology.ConceptMapIndex;
import se.primarycare.cds.terminology.TerminologyIndex;
import se.primarycare.cds.terminology.ValueSetIndex;

/**
 * The CDS service as the server assembles it ({@link CdsRules}), from the real rule files (and the test rules)
 * and fhir-profiles, with the default settings of {@link CdsHooksProperties}: no Spring context, no HTTP.
 */
public final class InProcessCds {

    private InProcessCds() {}

    public static CdsRules rules() {
        return rules(Map.of());
    }

    /** With settings as {@code primarycare.cds.*} properties, e.g. {@code card-budget.max-cards-per-draft}. */
    public static CdsRules rules(Map<String, String> settings) {
        Map<String, Object> source = new java.util.HashMap<>();
        source.put("primarycare.cds.rule-locations[0]", "classpath:cds-services/");
        source.put("primarycare.cds.rule-locations[1]", "classpath:test-rules/");
        settings.forEach((key, value) -> source.put("primarycare.cds." + key, value));
        CdsHooksProperties properties = new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("primarycare.cds", CdsHooksProperties.class);
        TerminologyIndex terminology = TestProfiles.terminology();
        return CdsRules.load(
                properties,
                FhirContext.forR4Cached(),
                terminology,
                new ValueSetIndex(TestProfiles.profiles().ofType(ValueSet.class), new CodeHierarchy(terminology)),
                new ConceptMapIndex(TestProfiles.profiles().ofType(ConceptMap.class)),
                new ObjectMapper());
    }
}
