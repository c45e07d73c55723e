package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.http.HttpStatus;

/**
 * Gathers the data a CDS call needs, key by key: what the EHR prefetched is used as is (an empty Bundle means
 * "no data"); a key missing or {@code null} is fetched from the FHIR server (cds-rules.md, "Protocol"), so full,
 * partial and absent prefetch give the same facts.
 */
public final class PatientDataLoader {

    private final FhirContext fhirContext;
    private final Map<String, String> templates;

    public PatientDataLoader(FhirContext fhirContext, Map<String, String> templates) {
        this.fhirContext = fhirContext;
        this.templates = templates;
    }

    /** Prefetch key → resources. {@code source} gives the data source, created only when a key is missing. */
    public Map<String, List<IBaseResource>> load(HookRequest request, Function<HookRequest, FhirDataSource> source) {
        Map<String, List<IBaseResource>> data = new LinkedHashMap<>();
        FhirDataSource fetcher = null;
        for (Map.Entry<String, String> template : templates.entrySet()) {
            JsonNode prefetched = request.prefetch().get(template.getKey());
            if (prefetched != null && !prefetched.isNull()) {
                data.put(template.getKey(), parse(template.getKey(), prefetched));
            } else {
                if (fetcher == null) {
                    fetcher = source.apply(request);
                }
                String query = template.getValue().replace("{{context.patientId}}", request.patientId());
                data.put(template.getKey(), fetcher.fetch(query));
            }
        }
        return data;
    }

    private List<IBaseResource> parse(String key, JsonNode prefetched) {
        IBaseResource resource;
        try {
            resource = fhirContext.newJsonParser().parseResource(prefetched.toString());
        } catch (DataFormatException e) {
            throw CdsException.badRequest(
                    "malformed-prefetch", "prefetch." + key + " is not a FHIR resource: " + e.getMessage());
        }
        if (resource instanceof Bundle bundle) {
            List<IBaseResource> resources = new ArrayList<>();
            bundle.getEntry().stream()
                    .filter(Bundle.BundleEntryComponent::hasResource)
                    .forEach(e -> resources.add(e.getResource()));
            return resources;
        }
        if (resource.fhirType().equals("OperationOutcome")) {
            throw new CdsException(
                    HttpStatus.PRECONDITION_FAILED,
                    "prefetch-unavailable",
                    "prefetch." + key + " is an OperationOutcome: the EHR could not get the data");
        }
        return List.of(resource);
    }
}
