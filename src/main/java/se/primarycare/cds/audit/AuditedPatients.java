package se.primarycare.cds.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Patients an operation disclosed in a form the access log cannot read itself (a worklist as CSV, a List of
 * Patient references): the operation names them here, and the PDL log records every one of them.
 */
public final class AuditedPatients {

    static final String KEY = AuditedPatients.class.getName();

    private AuditedPatients() {}

    public static void disclosed(RequestDetails request, Collection<String> patientIds) {
        @SuppressWarnings("unchecked")
        Set<String> patients =
                (Set<String>) request.getUserData().computeIfAbsent(KEY, k -> new LinkedHashSet<String>());
        patients.addAll(patientIds);
    }

    @SuppressWarnings("unchecked")
    static Set<String> of(RequestDetails request) {
        Object patients = request.getUserData().get(KEY);
        return patients == null ? Set.of() : (Set<String>) patients;
    }
}
