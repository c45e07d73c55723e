package se.primarycare.cds.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.MedicationRequest;
import se.primarycare.cds.hooks.CdsServiceCatalogue.CdsService;
import se.primarycare.cds.rules.CardResult;
import se.primarycare.cds.rules.DraftOrder;
import se.primarycare.cds.rules.PatientFacts;
import se.primarycare.cds.rules.RuleEngine;
import se.primarycare.cds.terminology.CodeHierarchy;

/**
 * One CDS Hooks call, one way through: check the request, read the draft orders (mapped once), gather the
 * patient's record (prefetch first, then the FHIR server), take the facts out of it, run the rules, write the
 * cards and log which rules they speak for.
 */
public final class CdsHookService {

    private final DraftOrderReader drafts;
    private final PatientDataLoader loader;
    private final PatientFactsMapper facts;
    private final RuleEngine engine;
    private final CardWriter cards;
    private final CardLog log;
    private final ObjectMapper json;
    private final Clock clock;

    public CdsHookService(
            DraftOrderReader drafts,
            PatientDataLoader loader,
            PatientFactsMapper facts,
            RuleEngine engine,
            CardWriter cards,
            CardLog log,
            ObjectMapper json,
            Clock clock) {
        this.drafts = drafts;
        this.loader = loader;
        this.facts = facts;
        this.engine = engine;
        this.cards = cards;
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param dataSource where missing prefetch data is read from; asked only when a key is missing
     */
    public ObjectNode call(CdsService service, HookRequest request, Supplier<FhirDataSource> dataSource) {
        if (!service.hook().equals(request.hook())) {
            throw CdsException.badRequest(
                    "wrong-hook",
                    "Service '" + service.id() + "' serves the hook '" + service.hook() + "', not '" + request.hook()
                            + "'");
        }
        ObjectNode response = json.createObjectNode();
        ArrayNode cardArray = response.putArray("cards");
        boolean orderHook = service.hook().startsWith("order-");
        List<DraftOrderReader.Draft> orders =
                orderHook ? drafts.read(request.context().get("draftOrders")) : List.of();
        if (orderHook && orders.stream().noneMatch(d -> d.order().code(CodeHierarchy.ATC) != null)) {
            return response; // e.g. order-select while the form has no medication yet
        }
        LocalDate today = LocalDate.now(clock.withZone(facts.zone()));
        List<DraftOrder> draftOrders =
                orders.stream().map(DraftOrderReader.Draft::order).toList();
        PatientFacts patient = facts.map(request.patientId(), today, loader.load(request, dataSource), draftOrders);
        Map<String, MedicationRequest> draftResources = new LinkedHashMap<>();
        orders.forEach(d -> draftResources.put(d.order().id(), d.resource()));
        List<CardLog.Shown> shown = new ArrayList<>();
        for (CardResult card : engine.evaluate(service.hook(), patient, request.language())) {
            CardWriter.Written written = cards.write(card, draftResources, today);
            shown.add(new CardLog.Shown(card.rules(), written));
            cardArray.add(written.card());
        }
        if (!shown.isEmpty()) {
            log.shown(service.id(), shown);
        }
        return response;
    }
}
