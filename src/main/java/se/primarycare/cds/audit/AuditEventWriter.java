package se.primarycare.cds.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/** Turns access records into FHIR AuditEvents (IHE BALP-like) and stores them in the FHIR store, searchable. */
public class AuditEventWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String CDS_HOOKS = "https://cds-hooks.hl7.org/hooks";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    /** HSA-id (Inera's catalogue of Swedish health care staff and units). */
    static final String HSA_ID = "urn:oid:1.2.752.29.4.19";

    private final IFhirResourceDao<AuditEvent> dao;
    private final TransactionTemplate transactions;

    public AuditEventWriter(IFhirResourceDao<AuditEvent> dao, TransactionTemplate transactions) {
        this.dao = dao;
        this.transactions = transactions;
    }

    /** All in one transaction; if that fails, one by one, so one bad record cannot take the others with it. */
    public void write(List<AccessRecord> records) {
        try {
            transactions.executeWithoutResult(status -> records.forEach(r -> store(r, true)));
        } catch (RuntimeException batchFailure) {
            for (AccessRecord record : records) {
                writeAlone(record);
            }
        }
    }

    private void writeAlone(AccessRecord record) {
        try {
            transactions.executeWithoutResult(status -> store(record, true));
        } catch (RuntimeException e) {
            // e.g. the patient was deleted by this very request: keep the event, naming the patient as text
            transactions.executeWithoutResult(status -> store(record, false));
            log.debug("Audit event stored without patient references: {}", e.toString());
        }
    }

    private void store(AccessRecord record, boolean patientReferences) {
        dao.create(toAuditEvent(record, patientReferences), new SystemRequestDetails());
    }

    static AuditEvent toAuditEvent(AccessRecord r, boolean patientReferences) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(DCM, "110110", "Patient Record"));
        boolean cds = r.interaction().startsWith("cds:");
        event.addSubtype(
                cds
                        ? new Coding(CDS_HOOKS, r.interaction().substring(4), null)
                        : new Coding(RESTFUL_INTERACTION, r.interaction(), null));
        event.setAction(AuditEvent.AuditEventAction.fromCode(r.action()));
        event.setRecorded(Date.from(r.at()));
        event.setOutcome(AuditEvent.AuditEventOutcome.fromCode(String.valueOf(r.outcome())));
        AuditEventAgentComponent agent = event.addAgent().setRequestor(r.onBehalfOf() == null);
        agent.setAltId(r.user()).setName(r.hsaId() != null ? r.hsaId() : r.user());
        Reference who = new Reference().setDisplay(r.user());
        if (r.hsaId() != null) {
            who.setIdentifier(new Identifier().setSystem(HSA_ID).setValue(r.hsaId()));
        }
        agent.setWho(who);
        if (r.clientAddress() != null) {
            agent.getNetwork().setAddress(r.clientAddress()).setType(AuditEvent.AuditEventAgentNetworkType._2);
        }
        if (r.onBehalfOf() != null) {
            event.addAgent().setRequestor(true).setAltId(r.onBehalfOf()).setName(r.onBehalfOf());
        }
        event.getSource().setSite("primary-care-cds").getObserver().setDisplay("Primary Care CDS");
        for (String patient : r.patients()) {
            var entity = event.addEntity()
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
            // the name makes every access findable with entity-name:exact; the reference (entity=) only where
            // the patient is in this store, which the FHIR server checks on write
            entity.setName("Patient/" + patient);
            if (patientReferences && r.localPatients()) {
                entity.setWhat(new Reference("Patient/" + patient));
            }
        }
        event.addEntity()
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setName(String.join(",", r.resourceTypes()))
                .setDescription(r.detail());
        return event;
    }
}
