package se.primarycare.cds.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A medication order the clinician is writing ({@code context.draftOrders}), with its medication already mapped
 * to ATC (and product, when known).
 *
 * @param id the draft's id as the EHR sent it (used to point update suggestions at it)
 * @param quantity dispenseRequest.quantity (tablets), null when absent
 * @param repeats numberOfRepeatsAllowed, null when absent
 * @param supplyDays expectedSupplyDuration in days, null when absent
 * @param tabletsPerDay daily dose from doseAndRate × frequency / period, null when not derivable
 * @param reasonCodes the order's reasonCode codings
 * @param reasonReferences the order's reasonReference targets ({@code Condition/id})
 */
public record DraftOrder(
        String id,
        List<Coded> medication,
        BigDecimal quantity,
        Integer repeats,
        BigDecimal supplyDays,
        BigDecimal tabletsPerDay,
        List<Coded> reasonCodes,
        List<String> reasonReferences) {

    public DraftOrder {
        medication = List.copyOf(medication);
        reasonCodes = List.copyOf(reasonCodes);
        reasonReferences = List.copyOf(reasonReferences);
    }

    /**
     * Tablets the order gives in all (cds-rules.md, "Quantity of a draft order"): quantity × (1 + repeats);
     * else supply days × daily dose, as the CDS Hooks sandbox sends it; else unknown (null).
     */
    public BigDecimal totalTablets() {
        if (quantity != null) {
            return quantity.multiply(BigDecimal.valueOf(1L + (repeats == null ? 0 : Math.max(0, repeats))));
        }
        if (supplyDays != null && tabletsPerDay != null) {
            return supplyDays.multiply(tabletsPerDay).setScale(0, RoundingMode.CEILING);
        }
        return null;
    }

    public boolean hasReason() {
        return !reasonCodes.isEmpty() || !reasonReferences.isEmpty();
    }

    public String code(String system) {
        return medication.stream()
                .filter(c -> system.equals(c.system()) && c.code() != null)
                .map(Coded::code)
                .findFirst()
                .orElse(null);
    }
}
