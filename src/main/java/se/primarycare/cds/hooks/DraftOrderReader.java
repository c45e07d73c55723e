package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Timing;
import se.primarycare.cds.rules.Coded;
import se.primarycare.cds.rules.DraftOrder;
import se.primarycare.cds.terminology.CodeHierarchy;
import se.primarycare.cds.terminology.ConceptMapIndex;
import se.primarycare.cds.terminology.ProductCatalogue;

/**
 * Reads {@code context.draftOrders} leniently, as real EHRs and the CDS Hooks sandbox send them: single objects
 * where FHIR wants arrays, no {@code dispenseRequest}, medication coded only in RxNorm (mapped to ATC and
 * product by the ConceptMap of {@code fhir-profiles/}). A draft that cannot be read gives no card, not an error.
 */
public final class DraftOrderReader {

    /** A draft as the rules see it, and as the EHR sent it (for update suggestions). */
    public record Draft(DraftOrder order, MedicationRequest resource) {}

    private final FhirContext fhirContext;
    private final LenientJson lenient;
    private final ConceptMapIndex conceptMaps;

    public DraftOrderReader(FhirContext fhirContext, ConceptMapIndex conceptMaps) {
        this.fhirContext = fhirContext;
        this.lenient = new LenientJson(fhirContext);
        this.conceptMaps = conceptMaps;
    }

    public List<Draft> read(JsonNode draftOrders) {
        List<Draft> drafts = new ArrayList<>();
        if (draftOrders == null || draftOrders.isNull()) {
            return drafts;
        }
        List<JsonNode> resources = new ArrayList<>();
        if (draftOrders.has("entry")) {
            draftOrders.get("entry").forEach(e -> resources.add(e.path("resource")));
        } else if (draftOrders.isArray()) {
            draftOrders.forEach(resources::add);
        }
        for (JsonNode json : resources) {
            if (json.isObject()
                    && "MedicationRequest".equals(json.path("resourceType").asText())) {
                read((ObjectNode) json.deepCopy()).ifPresent(drafts::add);
            }
        }
        return drafts;
    }

    private java.util.Optional<Draft> read(ObjectNode json) {
        lenient.wrapSingleObjectsInArrays(json);
        MedicationRequest request;
        try {
            request = fhirContext.newJsonParser().parseResource(MedicationRequest.class, json.toString());
        } catch (RuntimeException unreadable) {
            return java.util.Optional.empty();
        }
        var dispense = request.getDispenseRequest();
        return java.util.Optional.of(new Draft(
                new DraftOrder(
                        request.getIdElement().getIdPart(),
                        medication(request),
                        dispense.hasQuantity() && dispense.getQuantity().hasValue()
                                ? dispense.getQuantity().getValue()
                                : null,
                        dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : null,
                        supplyDays(dispense.getExpectedSupplyDuration()),
                        tabletsPerDay(request.getDosageInstruction()),
                        PatientFactsMapper.reason(request.getReasonCode(), request.getReasonReference())),
                request));
    }

    /**
     * The draft's codings as sent, plus what the ConceptMap gives for foreign ones (RxNorm → ATC and product)
     * when the draft has no ATC or no product coding of its own. The one place a foreign code is mapped.
     */
    private List<Coded> medication(MedicationRequest request) {
        if (!request.hasMedicationCodeableConcept()) {
            return List.of();
        }
        List<Coded> codes = new ArrayList<>(FhirCodings.coded(request.getMedicationCodeableConcept()));
        for (String system : List.of(CodeHierarchy.ATC, ProductCatalogue.SYSTEM)) {
            if (codes.stream().noneMatch(c -> system.equals(c.system()))) {
                List.copyOf(codes).stream()
                        .flatMap(c -> conceptMaps.translate(c.system(), c.code()).stream())
                        .filter(t -> system.equals(t.system()))
                        .map(t -> new Coded(t.system(), t.code(), null))
                        .filter(c -> !codes.contains(c))
                        .forEach(codes::add);
            }
        }
        return codes;
    }

    private static BigDecimal supplyDays(Duration duration) {
        if (duration == null || !duration.hasValue()) {
            return null;
        }
        String unit = (duration.hasCode() ? duration.getCode() : duration.getUnit());
        unit = unit == null ? "d" : unit.toLowerCase(Locale.ROOT);
        BigDecimal value = duration.getValue();
        return switch (unit) {
            case "d", "day", "days" -> value;
            case "wk", "week", "weeks" -> value.multiply(BigDecimal.valueOf(7));
            case "mo", "month", "months" -> value.multiply(BigDecimal.valueOf(30));
            default -> null;
        };
    }

    /** Tablets a day from the first dosage: dose × frequency per period, as the sandbox writes it. */
    private static BigDecimal tabletsPerDay(List<Dosage> dosages) {
        if (dosages.isEmpty()) {
            return null;
        }
        Dosage dosage = dosages.get(0);
        if (!dosage.hasDoseAndRate() || !dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
            return null;
        }
        BigDecimal dose = dosage.getDoseAndRateFirstRep().getDoseQuantity().getValue();
        Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
        BigDecimal frequency = BigDecimal.valueOf(repeat.hasFrequency() ? repeat.getFrequency() : 1);
        BigDecimal period = repeat.hasPeriod() ? repeat.getPeriod() : BigDecimal.ONE;
        BigDecimal periodDays =
                switch (repeat.hasPeriodUnit() ? repeat.getPeriodUnit().toCode() : "d") {
                    case "h" -> period.divide(BigDecimal.valueOf(24), 6, RoundingMode.HALF_UP);
                    case "wk" -> period.multiply(BigDecimal.valueOf(7));
                    case "mo" -> period.multiply(BigDecimal.valueOf(30));
                    default -> period;
                };
        if (dose == null || periodDays.signum() == 0) {
            return null;
        }
        return dose.multiply(frequency).divide(periodDays, 6, RoundingMode.HALF_UP);
    }
}
