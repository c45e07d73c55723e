package se.primarycare.cds.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import se.primarycare.cds.fhir.FhirOperationProvider;

/**
 * The access log as FHIR: read and search only. The log is append-only for clients (no create, update or delete:
 * a user must not be able to rewrite the record of what they looked at); only the server writes it.
 */
public class AuditEventProvider implements IResourceProvider, FhirOperationProvider {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 1000;

    private final AuditEventStore store;

    public AuditEventProvider(AuditEventStore store) {
        this.store = store;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        return store.read(id.getIdPart())
                .map(AuditEventMapper::toAuditEvent)
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /**
     * Newest first, at most {@code _count} (100 by default, 1000 at most) and without further pages: narrow a
     * review with {@code date} rather than paging through the log.
     */
    @Search(allowUnknownParams = false)
    public List<AuditEvent> search(
            @OptionalParam(name = "entity") ReferenceParam entity,
            @OptionalParam(name = "entity-name") StringParam entityName,
            @OptionalParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "altid") TokenParam altId,
            @OptionalParam(name = "agent-name") StringParam agentName,
            @OptionalParam(name = "date") DateRangeParam date,
            @Count Integer count) {
        String patientId = patientId(entity, entityName, patient);
        int limit = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(MAX_COUNT, count));
        AuditEventStore.Query query = new AuditEventStore.Query(
                patientId,
                altId == null ? null : altId.getValue(),
                agentName == null ? null : agentName.getValue(),
                date == null || date.getLowerBoundAsInstant() == null
                        ? null
                        : date.getLowerBoundAsInstant().toInstant(),
                date == null || date.getUpperBoundAsInstant() == null
                        ? null
                        : date.getUpperBoundAsInstant().toInstant(),
                limit);
        return store.search(query).stream().map(AuditEventMapper::toAuditEvent).toList();
    }

    private static String patientId(ReferenceParam entity, StringParam entityName, ReferenceParam patient) {
        String reference = entity != null
                ? entity.getValue()
                : patient != null ? patient.getValue() : entityName != null ? entityName.getValue() : null;
        if (reference == null) {
            return null;
        }
        IdType id = new IdType(reference);
        if (id.hasResourceType() && !"Patient".equals(id.getResourceType())) {
            throw new InvalidRequestException("The log is searched by patient: entity=Patient/{id}");
        }
        if (!id.hasIdPart()) {
            throw new InvalidRequestException("entity must name a patient: Patient/{id}");
        }
        return id.getIdPart();
    }
}
