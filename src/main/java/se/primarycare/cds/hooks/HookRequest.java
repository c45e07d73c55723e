package se.primarycare.cds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import se.primarycare.cds.rules.Language;

/**
 * A CDS Hooks call as received: the hook, the EHR's FHIR server and token (when given), the context and the
 * prefetched data. Checked on construction so that a malformed call is a 400 with a precise message.
 */
public record HookRequest(
        String hook,
        String hookInstance,
        String fhirServer,
        String accessToken,
        JsonNode context,
        JsonNode prefetch,
        Language language) {

    public static HookRequest parse(JsonNode body, Language language) {
        if (body == null || !body.isObject()) {
            throw CdsException.badRequest("malformed-request", "The request body must be a JSON object");
        }
        String hook = text(body, "hook");
        String hookInstance = text(body, "hookInstance");
        if (!body.path("context").isObject()) {
            throw CdsException.badRequest("missing-context", "'context' is required and must be an object");
        }
        JsonNode context = body.get("context");
        if (!context.hasNonNull("patientId") || !context.get("patientId").isTextual()) {
            throw CdsException.badRequest("missing-patient", "'context.patientId' is required");
        }
        String fhirServer =
                body.hasNonNull("fhirServer") ? body.get("fhirServer").asText() : null;
        JsonNode authorization = body.path("fhirAuthorization");
        String token = authorization.hasNonNull("access_token")
                ? authorization.get("access_token").asText()
                : null;
        return new HookRequest(hook, hookInstance, fhirServer, token, context, body.path("prefetch"), language);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw CdsException.badRequest(
                    "missing-" + field.toLowerCase(java.util.Locale.ROOT),
                    "'" + field + "' is required and must be a string");
        }
        return value.asText();
    }

    public String patientId() {
        return context.get("patientId").asText();
    }
}
