package se.primarycare.cds.audit;

import java.time.Instant;
import java.util.Set;

/**
 * One access to patient data, as the request path knows it: cheap to build, turned into an AuditEvent by the
 * background writer.
 *
 * @param user the token subject ({@code sub}), or {@code anonymous} when security is off
 * @param hsaId the user's HSA-id when the token carries one
 * @param onBehalfOf for CDS calls: the clinician the EHR names in {@code context.userId}
 * @param action FHIR AuditEvent action: C, R, U, D or E (execute, e.g. a CDS call or an operation)
 * @param interaction what was done, e.g. {@code read}, {@code search-type}, {@code cds:order-sign}
 * @param resourceTypes the resource types touched
 * @param patients ids of the patients whose data was touched
 * @param localPatients whether those ids are of this server's store (FHIR API) or the EHR's (CDS calls)
 * @param outcome 0 success, 4 refused or failed because of the request, 8 server failure
 * @param detail the request path and query (without the server address)
 */
public record AccessRecord(
        Instant at,
        String user,
        String hsaId,
        String onBehalfOf,
        String clientAddress,
        String action,
        String interaction,
        Set<String> resourceTypes,
        Set<String> patients,
        boolean localPatients,
        int outcome,
        String detail) {}
