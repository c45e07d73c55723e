package se.primarycare.cds.synthetic;

import org.hl7.fhir.r4.model.Bundle;

/**
 * Receives a population as it is generated, so that large populations can be written bundle by bundle
 * without holding every resource in memory.
 */
public interface PopulationSink {

    /**
     * Called once, first: the transaction Bundle that PUTs every Organization, the units' PALs (Practitioner) and
     * their PractitionerRoles, which the patient bundles reference.
     */
    void organizations(Bundle organizationBundle);

    /** Called for each patient bundle in order; {@code number} starts at 1. */
    void patientBundle(int number, Bundle bundle);
}
