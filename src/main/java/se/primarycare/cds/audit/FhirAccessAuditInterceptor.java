package se.primarycare.cds.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.primarycare.cds.fhir.FhirServerInterceptor;
import se.primarycare.cds.fhir.StrictBodyInterceptor;

/**
 * Records every FHIR interaction that can touch patient data, successful or refused, with the patients it
 * touched. Runs on the request thread but only builds a small record; the AuditEvent is written in the background.
 */
public class FhirAccessAuditInterceptor implements FhirServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(FhirAccessAuditInterceptor.class);

    /** Conformance and terminology: no patient data, and read on every start by every client. */
    private static final Set<String> NOT_PATIENT_DATA = Set.of(
            "CodeSystem", "ValueSet", "ConceptMap", "StructureDefinition", "SearchParameter", "OperationDefinition");

    private final AuditTrail trail;
    private final Accessors accessors;
    private final FhirContext fhirContext;

    public FhirAccessAuditInterceptor(AuditTrail trail, Accessors accessors, FhirContext fhirContext) {
        this.trail = trail;
        this.accessors = accessors;
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean succeeded(RequestDetails request, IBaseResource response) {
        try {
            recordSuccess(request, response);
        } catch (RuntimeException e) {
            // the answer is already computed: failing it now would help no one, but the gap must be visible
            log.error("AUDIT GAP: access to {} could not be recorded: {}", request.getRequestPath(), e.toString());
        }
        return true;
    }

    private void recordSuccess(RequestDetails request, IBaseResource response) {
        if (audited(request)) {
            Set<String> patients = new LinkedHashSet<>();
            Set<String> types = new LinkedHashSet<>();
            if (request.getResourceName() != null) {
                types.add(request.getResourceName());
            }
            PatientReferences.collectFromSearch(request.getResourceName(), request.getParameters(), patients);
            PatientReferences.collect(response, patients, types);
            patients.addAll(AuditedPatients.of(request));
            if (isBundleWrite(request) && response instanceof Bundle responseBundle) {
                PatientReferences.collectFromTransaction(requestBundle(request), responseBundle, patients, types);
            } else if (request.getResource() != null && patients.isEmpty()) {
                PatientReferences.collect(request.getResource(), patients, types);
            }
            trail.record(record(request, patients, types, 0));
        }
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException exception) {
        try {
            recordFailure(request, exception);
        } catch (RuntimeException e) {
            log.error(
                    "AUDIT GAP: refused access to {} could not be recorded: {}",
                    request.getRequestPath(),
                    e.toString());
        }
        return true;
    }

    private void recordFailure(RequestDetails request, BaseServerResponseException exception) {
        if (audited(request)) {
            Set<String> patients = new LinkedHashSet<>();
            if ("Patient".equals(request.getResourceName())
                    && request.getId() != null
                    && request.getId().hasIdPart()) {
                patients.add(request.getId().getIdPart());
            }
            Set<String> types = request.getResourceName() == null ? Set.of() : Set.of(request.getResourceName());
            trail.record(record(request, patients, types, exception.getStatusCode() >= 500 ? 8 : 4));
        }
    }

    private boolean audited(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        String type = request.getResourceName();
        return operation != RestOperationTypeEnum.METADATA && (type == null || !NOT_PATIENT_DATA.contains(type));
    }

    private static boolean isBundleWrite(RequestDetails request) {
        return request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION
                || request.getRestOperationType() == RestOperationTypeEnum.BATCH;
    }

    private Bundle requestBundle(RequestDetails request) {
        Optional<Bundle> parsed = StrictBodyInterceptor.parsedBundle(request);
        if (parsed.isPresent()) {
            return parsed.get();
        }
        try {
            return fhirContext
                    .newJsonParser()
                    .parseResource(Bundle.class, new String(request.loadRequestContents(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new Bundle();
        }
    }

    private AccessRecord record(RequestDetails request, Set<String> patients, Set<String> types, int outcome) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        String interaction = operation == null ? "operation" : operation.getCode();
        String query = request instanceof ServletRequestDetails servlet
                        && servlet.getServletRequest().getQueryString() != null
                ? "?" + servlet.getServletRequest().getQueryString()
                : "";
        String address = request instanceof ServletRequestDetails servlet
                ? servlet.getServletRequest().getRemoteAddr()
                : null;
        Accessors.Accessor who = accessors.current();
        return new AccessRecord(
                Instant.now(),
                who.user(),
                who.hsaId(),
                null,
                address,
                action(operation),
                interaction,
                types,
                patients,
                outcome == 0,
                outcome,
                request.getRequestPath() + query);
    }

    private static String action(RestOperationTypeEnum operation) {
        if (operation == null) {
            return "E";
        }
        return switch (operation) {
            case CREATE -> "C";
            case UPDATE, PATCH, META_ADD, META_DELETE -> "U";
            case DELETE -> "D";
            case READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, GET_PAGE ->
                "R";
            default -> "E";
        };
    }
}
