package se.primarycare.cds.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Set;
import se.primarycare.cds.security.CdsJwtFilter;

/**
 * Records CDS Hooks calls: the EHR that called (its token's {@code iss}/{@code sub}), the clinician it names in
 * {@code context.userId}, and the patient in {@code context.patientId}, whose data the service read.
 */
public class CdsAccessAudit {

    private final AuditTrail trail;

    public CdsAccessAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(HttpServletRequest request, String serviceId, JsonNode body, int outcome) {
        JsonNode context = body == null ? null : body.get("context");
        String patient = text(context, "patientId");
        String user = text(context, "userId");
        String hook = body == null ? null : text(body, "hook");
        Object caller = request.getAttribute(CdsJwtFilter.CALLER_ATTRIBUTE);
        trail.record(new AccessRecord(
                Instant.now(),
                caller == null ? Accessors.ANONYMOUS : caller.toString(),
                null,
                user,
                request.getRemoteAddr(),
                "E",
                "cds:" + (hook == null ? "unknown" : hook),
                Set.of("Patient", "Condition", "MedicationRequest", "MedicationStatement", "Procedure", "Observation"),
                patient == null || !patient.matches("[A-Za-z0-9\\-.]{1,64}") ? Set.of() : Set.of(patient),
                false,
                outcome,
                request.getRequestURI() + " (" + serviceId + ")"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
