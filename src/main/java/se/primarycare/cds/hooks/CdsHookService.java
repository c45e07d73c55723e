package se.primarycare.cds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.http.HttpStatus;
import se.primarycare.cds.hooks.CdsServiceCatalogue.CdsService;
import se.primarycare.cds.rules.CardResult;
import se.primarycare.cds.rules.DraftOrder;
import se.primarycare.cds.rules.Language;
import se.primarycare.cds.rules.PatientFacts;
import se.primarycare.cds.rules.RuleEngine;
import se.primarycare.cds.terminology.CodeHierarchy;

/**
 * One CDS Hooks call from request to cards: check the request, read the draft orders, gather the patient's data
 * (prefetch first, then the FHIR server), run the rules, write the cards and remember which were shown.
 */
public final class CdsHookService {

    private final CdsServiceCatalogue catalogue;
    private final DraftOrderReader drafts;
    private final PatientDataLoader loader;
    private final PatientFactsMapper facts;
    private final RuleEngine engine;
    private final CardWriter cards;
    private final FeedbackStore feedback;
    private final Function<HookRequest, FhirDataSource> dataSources;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    public CdsHookService(
            CdsServiceCatalogue catalogue,
            DraftOrderReader drafts,
            PatientDataLoader loader,
            PatientFactsMapper facts,
            RuleEngine engine,
            CardWriter cards,
            FeedbackStore feedback,
            Function<HookRequest, FhirDataSource> dataSources,
            ObjectMapper json,
            Clock clock,
            ZoneId zone) {
        this.catalogue = catalogue;
        this.drafts = drafts;
        this.loader = loader;
        this.facts = facts;
        this.engine = engine;
        this.cards = cards;
        this.feedback = feedback;
        this.dataSources = dataSources;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
    }

    public CdsService service(String serviceId) {
        return catalogue
                .service(serviceId)
                .orElseThrow(() -> new CdsException(
                        HttpStatus.NOT_FOUND, "unknown-service", "No CDS service '" + serviceId + "'"));
    }

    public ObjectNode call(String serviceId, JsonNode body, Language language) {
        CdsService service = service(serviceId);
        HookRequest request = HookRequest.parse(body, language);
        if (!service.hook().equals(request.hook())) {
            throw CdsException.badRequest(
                    "wrong-hook",
                    "Service '" + serviceId + "' serves the hook '" + service.hook() + "', not '" + request.hook()
                            + "'");
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<DraftOrderReader.Draft> orders = service.hook().startsWith("order-")
                ? drafts.read(request.context().get("draftOrders"))
                : List.of();
        ObjectNode response = json.createObjectNode();
        ArrayNode cardArray = response.putArray("cards");
        boolean nothingToJudge = service.hook().startsWith("order-")
                && orders.stream().noneMatch(d -> d.order().code(CodeHierarchy.ATC) != null);
        if (nothingToJudge) {
            return response; // e.g. order-select while the form has no medication yet
        }
        Map<String, List<IBaseResource>> data = loader.load(request, dataSources);
        List<DraftOrder> draftOrders =
                orders.stream().map(DraftOrderReader.Draft::order).toList();
        PatientFacts patient = facts.map(request.patientId(), today, data, draftOrders);
        Map<String, MedicationRequest> draftResources = new LinkedHashMap<>();
        orders.forEach(d -> {
            CardWriter.addAtc(d.resource(), d.order().medication());
            draftResources.put(d.order().id(), d.resource());
        });
        for (CardResult card : engine.evaluate(service.hook(), patient, language)) {
            ObjectNode written = cards.write(card, draftResources, today);
            feedback.cardShown(written.get("uuid").asText(), serviceId, card.ruleId());
            cardArray.add(written);
        }
        return response;
    }
}
