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
 * @param reason the reasons it was given for (codes and referenced Conditions), as for a draft
 */
public record MedicationUse(
        String reference,
        Kind kind,
        String status,
        List<Coded> codes,
        LocalDate start,
        LocalDate end,
        BigDecimal quantity,
        int repeats,
        Reason reason) {

    public enum Kind {
        REQUEST,
        STATEMENT
    }

    public MedicationUse {
        codes = List.copyOf(codes);
        reason = reason == null ? Reason.NONE : reason;
    }

    /** Total tablets prescribed, counting repeats; null when the quantity is unknown. */
    public BigDecimal totalTablets() {
        return quantity == null ? null : quantity.multiply(BigDecimal.valueOf(1L + Math.max(0, repeats)));
    }

    /** Counts as "a prescription of a group" (cds-rules.md): status active or completed. */
    public boolean counts() {
        return "active".equals(status) || "completed".equals(status);
    }

    /**
     * In use today (cds-rules.md, "Current use"): an active request whatever its date, a completed one authored
     * in the last {@code completedWithinDays}, or an active statement whose period has not ended.
     */
    public boolean currentOn(LocalDate today, int completedWithinDays) {
        if (kind == Kind.REQUEST) {
            return "active".equals(status)
                    || ("completed".equals(status)
                            && start != null
                            && !start.isBefore(today.minusDays(completedWithinDays))
                            && !start.isAfter(today));
        }
        return "active".equals(status)
                && (start == null || !start.isAfter(today))
                && (end == null || !end.isBefore(today));
    }
}
