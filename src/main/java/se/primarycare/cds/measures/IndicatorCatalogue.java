package se.primarycare.cds.measures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Measure;
import se.primarycare.cds.measures.core.IndicatorSpec;
import se.primarycare.cds.terminology.ProfileLoadException;

/**
 * The Measures of {@code fhir-profiles/} and the indicator each computes (extension {@code indicator} with
 * {@code kind}, {@code code}, {@code limit}), so that adding a DID group is a new Measure file, not Java.
 */
public final class IndicatorCatalogue {

    public static final String EXTENSION = "https://fhir.primarycare.se/StructureDefinition/indicator";
    private static final List<String> KINDS =
            List.of("an07", "an09", "did", "sl28", "sl14", "activity", "starter-pack", "long-term-use");

    private final Map<String, Measure> measures = new LinkedHashMap<>();
    private final Map<String, IndicatorSpec> specs = new LinkedHashMap<>();

    public IndicatorCatalogue(List<Measure> loaded) {
        for (Measure measure : loaded) {
            String id = measure.getIdElement().getIdPart();
            Extension indicator = measure.getExtensionByUrl(EXTENSION);
            if (indicator == null) {
                throw new ProfileLoadException("Measure-" + id + ".json", "extension " + EXTENSION + " is missing");
            }
            String kind = value(indicator, "kind");
            if (!KINDS.contains(kind)) {
                throw new ProfileLoadException(
                        "Measure-" + id + ".json", "indicator kind '" + kind + "' is not one of " + KINDS);
            }
            String limit = value(indicator, "limit");
            measures.put(id, measure);
            specs.put(
                    id,
                    new IndicatorSpec(kind, value(indicator, "code"), limit == null ? null : Integer.valueOf(limit)));
        }
    }

    private static String value(Extension indicator, String part) {
        Extension extension = indicator.getExtensionByUrl(part);
        return extension == null || extension.getValue() == null
                ? null
                : extension.getValue().primitiveValue();
    }

    public Optional<IndicatorSpec> spec(String measureId) {
        return Optional.ofNullable(specs.get(measureId));
    }

    public Optional<Measure> measure(String measureId) {
        return Optional.ofNullable(measures.get(measureId));
    }

    public Map<String, Measure> all() {
        return measures;
    }
}
