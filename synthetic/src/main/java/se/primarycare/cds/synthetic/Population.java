package se.primarycare.cds.synthetic;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A generated population in memory: the Organization transaction (units and their PALs), the patient transactions (each with all
 * resources of its patients) and the summary computed from exactly these bundles. Meant for tests that load
 * a population into a server and compare measure results with the summary.
 */
public record Population(
        List<CareUnit> units,
        List<RegularDoctor> regularDoctors,
        Bundle organizationBundle,
        List<Bundle> patientBundles,
        PopulationSummary summary) {

    public Population {
        units = List.copyOf(units);
        regularDoctors = List.copyOf(regularDoctors);
        patientBundles = List.copyOf(patientBundles);
    }
}
