package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import se.primarycare.cds.rules.CardResult;
import se.primarycare.cds.rules.SuggestedAction;
import se.primarycare.cds.terminology.CodeHierarchy;

/**
 * Writes cards as CDS Hooks 2.0 JSON: {@code source.topic} with the rule id, a uuid on every card and suggestion
 * (the sandbox only sends feedback then), {@code selectionBehavior} when there are suggestions, and the actions
 * as FHIR resources shaped by the data contract, ready for the EHR to create or update.
 */
public final class CardWriter {

    static final String RULE_SYSTEM = "https://fhir.primarycare.se/CodeSystem/cds-rule";
    static final String OVERRIDE_REASON_SYSTEM = "https://fhir.primarycare.se/CodeSystem/cds-override-reason";

    private final ObjectMapper json;
    private final FhirContext fhirContext;

    public CardWriter(ObjectMapper json, FhirContext fhirContext) {
        this.json = json;
        this.fhirContext = fhirContext;
    }

    /** The card as JSON, and its uuid (returned so the service can remember which rule showed it). */
    public ObjectNode write(CardResult card, Map<String, MedicationRequest> draftsById, LocalDate today) {
        ObjectNode node = json.createObjectNode();
        node.put("uuid", UUID.randomUUID().toString());
        node.put("summary", card.summary());
        node.put("detail", card.detail());
        node.put("indicator", card.indicator());
        ObjectNode source = node.putObject("source");
        source.put("label", card.sourceLabel());
        source.put("url", card.sourceUrl());
        ObjectNode topic = source.putObject("topic");
        topic.put("system", RULE_SYSTEM);
        topic.put("code", card.ruleId());
        if (!card.suggestions().isEmpty()) {
            ArrayNode suggestions = node.putArray("suggestions");
            for (SuggestedAction action : card.suggestions()) {
                suggestions.add(suggestion(action, draftsById, today));
            }
            node.put("selectionBehavior", "any");
        }
        if (!card.overrideReasons().isEmpty()) {
            ArrayNode reasons = node.putArray("overrideReasons");
            for (CardResult.OverrideReason reason : card.overrideReasons()) {
                reasons.addObject()
                        .put("system", OVERRIDE_REASON_SYSTEM)
                        .put("code", reason.code())
                        .put("display", reason.display());
            }
        }
        if (!card.links().isEmpty()) {
            ArrayNode links = node.putArray("links");
            for (CardResult.Link link : card.links()) {
                links.addObject()
                        .put("label", link.label())
                        .put("url", link.url())
                        .put("type", "absolute");
            }
        }
        return node;
    }

    private ObjectNode suggestion(SuggestedAction action, Map<String, MedicationRequest> drafts, LocalDate today) {
        ObjectNode suggestion = json.createObjectNode();
        suggestion.put("label", action.label());
        suggestion.put("uuid", UUID.randomUUID().toString());
        ObjectNode entry = suggestion.putArray("actions").addObject();
        if (action instanceof SuggestedAction.CreateServiceRequest create) {
            entry.put("type", "create");
            entry.put("description", action.label());
            entry.set("resource", resource(serviceRequest(create, today)));
        } else if (action instanceof SuggestedAction.CreateCarePlan create) {
            entry.put("type", "create");
            entry.put("description", action.label());
            entry.set("resource", resource(carePlan(create, today)));
        } else if (action instanceof SuggestedAction.UpdateDraftToPack update) {
            entry.put("type", "update");
            entry.put("description", action.label());
            MedicationRequest draft = drafts.get(update.draftId());
            entry.set("resource", resource(updatedDraft(draft, update)));
        }
        return suggestion;
    }

    private static ServiceRequest serviceRequest(SuggestedAction.CreateServiceRequest create, LocalDate today) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        request.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
        CodeableConcept code = new CodeableConcept();
        if (create.code() != null) {
            code.addCoding(new Coding(
                    create.code().system(), create.code().code(), create.code().display()));
        }
        if (create.text() != null) {
            code.setText(create.text());
        }
        request.setCode(code);
        request.setSubject(new Reference("Patient/" + create.patientId()));
        request.setAuthoredOnElement(new DateTimeType(today.toString()));
        if (create.reasonReference() != null) {
            request.addReasonReference(new Reference(create.reasonReference()));
        }
        return request;
    }

    private static CarePlan carePlan(SuggestedAction.CreateCarePlan create, LocalDate today) {
        CarePlan plan = new CarePlan();
        plan.setStatus(CarePlan.CarePlanStatus.DRAFT);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(new CodeableConcept(new Coding(
                create.category().system(),
                create.category().code(),
                create.category().display())));
        plan.setTitle(create.title());
        plan.setSubject(new Reference("Patient/" + create.patientId()));
        plan.setCreatedElement(new DateTimeType(today.toString()));
        if (create.addresses() != null) {
            plan.addAddresses(new Reference(create.addresses()));
        }
        return plan;
    }

    /** The draft as sent, with the starter pack: product coding, quantity in tablets, no repeats. */
    private static MedicationRequest updatedDraft(MedicationRequest draft, SuggestedAction.UpdateDraftToPack update) {
        MedicationRequest updated = draft == null ? new MedicationRequest() : draft.copy();
        CodeableConcept medication =
                updated.hasMedicationCodeableConcept() ? updated.getMedicationCodeableConcept() : new CodeableConcept();
        medication.getCoding().removeIf(c -> update.product().system().equals(c.getSystem()));
        medication.addCoding(new Coding(
                update.product().system(),
                update.product().code(),
                update.product().display()));
        updated.setMedication(medication);
        updated.getDispenseRequest()
                .setQuantity(new Quantity().setValue(update.packSize()).setUnit("st"))
                .setNumberOfRepeatsAllowed(0);
        return updated;
    }

    /** Adds the ATC coding a draft was mapped to (from RxNorm), so the updated order meets the contract. */
    public static void addAtc(MedicationRequest draft, List<se.primarycare.cds.rules.Coded> mapped) {
        if (!draft.hasMedicationCodeableConcept()) {
            return;
        }
        CodeableConcept medication = draft.getMedicationCodeableConcept();
        boolean hasAtc = medication.getCoding().stream().anyMatch(c -> CodeHierarchy.ATC.equals(c.getSystem()));
        if (!hasAtc) {
            mapped.stream()
                    .filter(c -> CodeHierarchy.ATC.equals(c.system()))
                    .findFirst()
                    .ifPresent(c -> medication.addCoding(new Coding(c.system(), c.code(), c.display())));
        }
    }

    private JsonNode resource(IBaseResource resource) {
        try {
            return json.readTree(fhirContext.newJsonParser().encodeResourceToString(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
