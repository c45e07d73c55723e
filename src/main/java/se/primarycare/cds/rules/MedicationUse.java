package se.primarycare.cds.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A stored prescription (MedicationRequest) or a statement of use (MedicationStatement).
 *
 * @param start authoredOn of a request, effectivePeriod.start of a statement
 * @param end effectivePeriod.end of a statement (null when open or for requests)
 * @param quantity dispenseRequest.quantity in tablets (null when absent)
 */
public record MedicationUse(
        String reference,
        Kind kind,
        String status,
        List<Coded> codes,
        LocalDate start,
        LocalDate end,
        BigDecimal quantity,
        int repeats) {

    public enum Kind {
        REQUEST,
        STATEMENT
    }

    public MedicationUse {
        codes = List.copyOf(codes);
    }

    /** Total tablets prescribed, counting repeats; null when the quantity is unknown. */
    public BigDecimal totalTablets() {
        return quantity == null ? null : quantity.multiply(BigDecimal.valueOf(1L + Math.max(0, repeats)));
    }
}
