package se.primarycare.cds.terminology;

import org.hl7.fhir.r4.model.MetadataResource;

/** One parsed conformance resource and the file it came from. */
public record ProfileFile(String fileName, MetadataResource resource) {

    public String resourceType() {
        return resource.fhirType();
    }
}
