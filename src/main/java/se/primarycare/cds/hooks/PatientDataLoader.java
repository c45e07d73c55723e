package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.http.HttpStatus;

/**
 * Gathers the patient's record for a CDS call, key by key: what the EHR prefetched is used as is (an empty Bundle
 * means "no data"); a key missing or {@code null} is fetched from the FHIR server (cds-rules.md, "Protocol"), so
 * full, partial and absent prefetch give the same facts. Absence needs evidence (cds-rules.md v2): a server we
 * fetch from must know the patient, and the record must hold the Patient, or the answer is 412, never "no
 * history".
 */
public final class PatientDataLoader {

    private final FhirContext fhirContext;
    private final Map<PrefetchKey, String> templates;

    public PatientDataLoader(FhirContext fhirContext, Map<PrefetchKey, String> templates) {
        this.fhirContext = fhirContext;
        this.templates = Map.copyOf(templates);
    }

    /** The record by prefetch key. {@code source} is asked for a data source only when a key is missing. */
    public Map<PrefetchKey, List<IBaseResource>> load(HookRequest request, Supplier<FhirDataSource> source) {
        Map<PrefetchKey, List<IBaseResource>> data = new EnumMap<>(PrefetchKey.class);
        List<PrefetchKey> missing = new ArrayList<>();
        for (PrefetchKey key : PrefetchKey.values()) {
            JsonNode prefetched = request.prefetch().get(key.key());
            if (prefetched != null && !prefetched.isNull()) {
                data.put(key, parse(key, prefetched));
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            FhirDataSource fetcher = source.get();
            List<IBaseResource> patient = fetcher.fetch(query(PrefetchKey.PATIENT, request));
            requireKnownPatient(patient, request);
            missing.remove(PrefetchKey.PATIENT);
            if (!data.containsKey(PrefetchKey.PATIENT)) {
                data.put(PrefetchKey.PATIENT, patient);
            }
            List<List<IBaseResource>> fetched = fetcher.fetchAll(
                    missing.stream().map(key -> query(key, request)).toList());
            for (int i = 0; i < missing.size(); i++) {
                data.put(missing.get(i), fetched.get(i));
            }
        }
        requireKnownPatient(data.get(PrefetchKey.PATIENT), request);
        return data;
    }

    private String query(PrefetchKey key, HookRequest request) {
        return templates.get(key).replace("{{context.patientId}}", request.patientId());
    }

    private static void requireKnownPatient(List<IBaseResource> patient, HookRequest request) {
        if (patient == null || patient.stream().noneMatch(Patient.class::isInstance)) {
            throw new CdsException(
                    HttpStatus.PRECONDITION_FAILED,
                    "unknown-patient",
                    "Patient '" + request.patientId()
                            + "' is not known to the FHIR server the data comes from; without the patient's record"
                            + " the service gives no advice");
        }
    }

    private List<IBaseResource> parse(PrefetchKey key, JsonNode prefetched) {
        IBaseResource resource;
        try {
            resource = fhirContext.newJsonParser().parseResource(prefetched.toString());
        } catch (DataFormatException e) {
            throw CdsException.badRequest(
                    "malformed-prefetch", "prefetch." + key.key() + " is not a FHIR resource: " + e.getMessage());
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
                    "prefetch." + key.key() + " is an OperationOutcome: the EHR could not get the data");
        }
        return List.of(resource);
    }
}
