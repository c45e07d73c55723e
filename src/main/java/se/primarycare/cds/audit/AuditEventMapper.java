package se.primarycare.cds.audit;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/** A stored access as a FHIR AuditEvent (after IHE BALP's "patient record" events). */
final class AuditEventMapper {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String CDS_HOOKS = "https://cds-hooks.hl7.org/hooks";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    /** HSA-id (Inera's catalogue of Swedish health care staff and units). */
    static final String HSA_ID = "urn:oid:1.2.752.29.4.19";

    private AuditEventMapper() {}

    static AuditEvent toAuditEvent(AuditEventStore.Stored stored) {
        AccessRecord r = stored.access();
        AuditEvent event = new AuditEvent();
        event.setId(stored.id());
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
            // a reference only where the id is of this store (not the EHR's, for CDS calls)
            entity.setName("Patient/" + patient);
            if (r.localPatients()) {
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
