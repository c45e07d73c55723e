package se.primarycare.cds.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A medication order the clinician is writing ({@code context.draftOrders}), with its medication already mapped
 * to ATC and product (from RxNorm, when that is all the EHR sent) and ICD reason codes normalised.
 *
 * @param id the draft's id as the EHR sent it (used to point update suggestions at it)
 * @param medication every coding: as sent, plus the ATC and product codings the ConceptMap gave
 * @param quantity dispenseRequest.quantity (tablets), null when absent
 * @param repeats numberOfRepeatsAllowed, null when absent
 * @param supplyDays expectedSupplyDuration in days, null when absent
 * @param tabletsPerDay daily dose from doseAndRate × frequency / period, null when not derivable
 */
public record DraftOrder(
        String id,
        List<Coded> medication,
        BigDecimal quantity,
        Integer repeats,
        BigDecimal supplyDays,
        BigDecimal tabletsPerDay,
        Reason reason) {

    public DraftOrder {
        medication = List.copyOf(medication);
        reason = reason == null ? Reason.NONE : reason;
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

    public String code(String system) {
        return medication.stream()
                .filter(c -> system.equals(c.system()) && c.code() != null)
                .map(Coded::code)
                .findFirst()
                .orElse(null);
    }
}
