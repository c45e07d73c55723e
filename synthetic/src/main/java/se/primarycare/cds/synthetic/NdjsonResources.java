package se.primarycare.cds.synthetic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns transaction entries into stand-alone resources for NDJSON (bulk import): outside a transaction a
 * {@code urn:uuid:} reference means nothing, so each resource gets its UUID as id and references become
 * {@code Type/uuid}. The bundle's own resources are left untouched (we work on copies).
 */
final class NdjsonResources {

    private static final String URN_UUID = "urn:uuid:";

    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();

    List<Resource> standalone(Bundle bundle) {
        Map<String, String> typeByFullUrl = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.hasFullUrl()) {
                typeByFullUrl.put(entry.getFullUrl(), entry.getResource().fhirType());
            }
        }
        List<Resource> resources = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource copy = entry.getResource().copy();
            if (entry.hasFullUrl() && entry.getFullUrl().startsWith(URN_UUID)) {
                copy.setId(entry.getFullUrl().substring(URN_UUID.length()));
            }
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(copy, Reference.class)) {
                String target = reference.getReference();
                if (target != null && target.startsWith(URN_UUID)) {
                    String type = typeByFullUrl.get(target);
                    if (type == null) {
                        throw new IllegalStateException("Reference to a resource outside its bundle: " + target);
                    }
                    reference.setReference(type + "/" + target.substring(URN_UUID.length()));
                }
            }
            resources.add(copy);
        }
        return resources;
    }
}
