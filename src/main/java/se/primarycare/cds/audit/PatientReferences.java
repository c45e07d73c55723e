package se.primarycare.cds.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Which patients a resource, a search result or a transaction is about: the Patient itself, or subject/patient. */
final class PatientReferences {

    private static final List<String> PATIENT_ELEMENTS = List.of("subject", "patient");

    private PatientReferences() {}

    static void collect(IBaseResource resource, Set<String> patients, Set<String> types) {
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r != null)
                    .forEach(r -> collect(r, patients, types));
            return;
        }
        if (!(resource instanceof Resource r) || r.fhirType().equals("OperationOutcome")) {
            return;
        }
        types.add(r.fhirType());
        if (r instanceof Patient && r.getIdElement().hasIdPart()) {
            patients.add(r.getIdElement().getIdPart());
        }
        for (String element : PATIENT_ELEMENTS) {
            String patient = referencedPatient(r, element);
            if (patient != null) {
                patients.add(patient);
            }
        }
    }

    /** The patients a search asks about, even when it finds nothing: subject/patient, or _id of Patient. */
    static void collectFromSearch(String resourceType, Map<String, String[]> parameters, Set<String> patients) {
        if (parameters == null) {
            return;
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey().split(":")[0];
            boolean patientParameter = name.equals("subject") || name.equals("patient");
            boolean patientId = name.equals("_id") && "Patient".equals(resourceType);
            if (!patientParameter && !patientId) {
                continue;
            }
            for (String value : parameter.getValue()) {
                for (String one : value.split(",")) {
                    IdType id = new IdType(patientId ? "Patient/" + one : one);
                    if ((patientId || "Patient".equals(id.getResourceType())) && id.hasIdPart()) {
                        patients.add(id.getIdPart());
                    }
                }
            }
        }
    }

    /**
     * A transaction's entries, with placeholder ids (urn:uuid) and new Patients resolved through the response's
     * locations, which are in the same order as the request's entries.
     */
    static void collectFromTransaction(Bundle request, Bundle response, Set<String> patients, Set<String> types) {
        Map<String, String> assigned = new HashMap<>();
        for (int i = 0; i < request.getEntry().size() && i < response.getEntry().size(); i++) {
            String location = response.getEntry().get(i).getResponse().getLocation();
            if (location != null && request.getEntry().get(i).getFullUrl() != null) {
                assigned.put(request.getEntry().get(i).getFullUrl(), location);
            }
        }
        for (int i = 0; i < request.getEntry().size(); i++) {
            Resource resource = request.getEntry().get(i).getResource();
            if (resource == null) {
                continue;
            }
            types.add(resource.fhirType());
            if (resource instanceof Patient) {
                String location = i < response.getEntry().size()
                        ? response.getEntry().get(i).getResponse().getLocation()
                        : null;
                if (location != null) {
                    patients.add(new IdType(location).getIdPart());
                }
                continue;
            }
            for (String element : PATIENT_ELEMENTS) {
                String reference = reference(resource, element);
                if (reference == null) {
                    continue;
                }
                String resolved = assigned.getOrDefault(reference, reference);
                IdType id = new IdType(resolved);
                if ("Patient".equals(id.getResourceType()) && id.hasIdPart()) {
                    patients.add(id.getIdPart());
                }
            }
        }
    }

    private static String referencedPatient(Resource resource, String element) {
        String reference = reference(resource, element);
        if (reference == null) {
            return null;
        }
        IdType id = new IdType(reference);
        return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : null;
    }

    private static String reference(Resource resource, String element) {
        Property property = resource.getNamedProperty(element);
        if (property == null || !property.hasValues()) {
            return null;
        }
        Base value = property.getValues().get(0);
        return value instanceof Reference reference && reference.hasReference() ? reference.getReference() : null;
    }
}
