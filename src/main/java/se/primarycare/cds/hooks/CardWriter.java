package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
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
import se.primarycare.cds.rules.Coded;
import se.primarycare.cds.rules.SuggestedAction;

/**
 * Writes cards as CDS Hooks 2.0 JSON: {@code source.topic} with the card's rule, a uuid on every card and
 * suggestion (the sandbox only sends feedback then), {@code selectionBehavior} when there are suggestions, and
 * the actions as FHIR resources shaped by the data contract. Every card lists the rules it speaks for in {@code
 * extension["se.primarycare.rules"]} and every suggestion and link names its rule in {@code
 * extension["se.primarycare.rule"]} (CDS Hooks reserves {@code extension} for such additions).
 */
public final class CardWriter {

    static final String RULE_SYSTEM = "https://fhir.primarycare.se/CodeSystem/cds-rule";
    static final String OVERRIDE_REASON_SYSTEM = "https://fhir.primarycare.se/CodeSystem/cds-override-reason";
    public static final String RULES_EXTENSION = "se.primarycare.rules";
    public static final String RULE_EXTENSION = "se.primarycare.rule";

    private final ObjectMapper json;
    private final FhirContext fhirContext;

    public CardWriter(ObjectMapper json, FhirContext fhirContext) {
        this.json = json;
        this.fhirContext = fhirContext;
    }

    /** A written card, and which rule each of its suggestions (by uuid) comes from, for the feedback log. */
    public record Written(String uuid, ObjectNode card, Map<String, String> suggestionRules) {}

    public Written write(CardResult card, Map<String, MedicationRequest> draftsById, LocalDate today) {
        String uuid = UUID.randomUUID().toString();
        ObjectNode node = json.createObjectNode();
        node.put("uuid", uuid);
        node.put("summary", card.summary());
        node.put("detail", card.detail());
        node.put("indicator", card.indicator().code());
        ObjectNode source = node.putObject("source");
        source.put("label", card.sourceLabel());
        source.put("url", card.sourceUrl());
        ObjectNode topic = source.putObject("topic");
        topic.put("system", RULE_SYSTEM);
        topic.put("code", card.ruleId());
        Map<String, String> suggestionRules = new LinkedHashMap<>();
        if (!card.suggestions().isEmpty()) {
            ArrayNode suggestions = node.putArray("suggestions");
            for (CardResult.Suggestion suggestion : card.suggestions()) {
                ObjectNode written = suggestion(suggestion, draftsById, today);
                suggestionRules.put(written.get("uuid").asText(), suggestion.ruleId());
                suggestions.add(written);
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
                ObjectNode written = links.addObject()
                        .put("label", link.label())
                        .put("url", link.url())
                        .put("type", "absolute");
                written.putObject("extension").put(RULE_EXTENSION, link.ruleId());
            }
        }
        ArrayNode rules = node.putObject("extension").putArray(RULES_EXTENSION);
        card.rules().forEach(rules::add);
        return new Written(uuid, node, suggestionRules);
    }

    private ObjectNode suggestion(
            CardResult.Suggestion suggestion, Map<String, MedicationRequest> drafts, LocalDate today) {
        SuggestedAction action = suggestion.action();
        ObjectNode node = json.createObjectNode();
        node.put("label", action.label());
        node.put("uuid", UUID.randomUUID().toString());
        ObjectNode entry = node.putArray("actions").addObject();
        entry.put("description", action.label());
        if (action instanceof SuggestedAction.CreateServiceRequest create) {
            entry.put("type", "create");
            entry.set("resource", resource(serviceRequest(create, today)));
        } else if (action instanceof SuggestedAction.CreateCarePlan create) {
            entry.put("type", "create");
            entry.set("resource", resource(carePlan(create, today)));
        } else if (action instanceof SuggestedAction.UpdateDraftToPack update) {
            entry.put("type", "update");
            entry.set("resource", resource(updatedDraft(drafts.get(update.draftId()), update)));
        }
        node.putObject("extension").put(RULE_EXTENSION, suggestion.ruleId());
        return node;
    }

    private static ServiceRequest serviceRequest(SuggestedAction.CreateServiceRequest create, LocalDate today) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        request.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
        CodeableConcept code = new CodeableConcept();
        if (create.code() != null) {
            code.addCoding(coding(create.code()));
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
        plan.addCategory(new CodeableConcept(coding(create.category())));
        plan.setTitle(create.title());
        plan.setSubject(new Reference("Patient/" + create.patientId()));
        plan.setCreatedElement(new DateTimeType(today.toString()));
        if (create.addresses() != null) {
            plan.addAddresses(new Reference(create.addresses()));
        }
        if (create.medication() != null) {
            CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
            detail.setKind(CarePlan.CarePlanActivityKind.MEDICATIONREQUEST);
            detail.setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED);
            detail.setProduct(new CodeableConcept(coding(create.medication())));
            detail.setDescription(create.goal());
        }
        return plan;
    }

    /**
     * The draft as sent with the starter pack: medication coded only as the pack's product (no stale coding of
     * another product), quantity in tablets, no repeats; dosage text and everything else kept.
     */
    private static MedicationRequest updatedDraft(MedicationRequest draft, SuggestedAction.UpdateDraftToPack update) {
        MedicationRequest updated = draft == null ? new MedicationRequest() : draft.copy();
        CodeableConcept medication = new CodeableConcept();
        update.medication().forEach(c -> medication.addCoding(coding(c)));
        updated.setMedication(medication);
        updated.getDispenseRequest()
                .setQuantity(new Quantity().setValue(update.packSize()).setUnit("st"))
                .setNumberOfRepeatsAllowed(0);
        return updated;
    }

    private static Coding coding(Coded coded) {
        return new Coding(coded.system(), coded.code(), coded.display());
    }

    private JsonNode resource(IBaseResource resource) {
        try {
            return json.readTree(fhirContext.newJsonParser().encodeResourceToString(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
