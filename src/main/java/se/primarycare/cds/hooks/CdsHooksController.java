package se.primarycare.cds.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import se.primarycare.cds.audit.CdsAccessAudit;
import se.primarycare.cds.rules.Language;

/**
 * The CDS Hooks 2.0 HTTP surface: discovery, service calls and feedback. A thin controller of our own rather
 * than HAPI's CDS Hooks module: the rules are data, loaded at start, and errors, CORS and the body limit need to
 * follow the spec exactly (see README, "CDS Hooks").
 */
@RestController
public class CdsHooksController {

    private final CdsHookService service;
    private final CdsServiceCatalogue catalogue;
    private final FhirDataSources dataSources;
    private final FeedbackStore feedback;
    private final ObjectMapper json;
    private final long maxBodyBytes;
    private final Optional<CdsAccessAudit> audit;
    private final CdsMetrics metrics;

    public CdsHooksController(
            CdsHookService service,
            CdsServiceCatalogue catalogue,
            FhirDataSources dataSources,
            FeedbackStore feedback,
            ObjectMapper json,
            CdsHooksProperties properties,
            Optional<CdsAccessAudit> audit,
            CdsMetrics metrics) {
        this.audit = audit;
        this.metrics = metrics;
        this.service = service;
        this.catalogue = catalogue;
        this.dataSources = dataSources;
        this.feedback = feedback;
        this.json = json;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
    }

    @GetMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode discovery() {
        return catalogue.discovery(json);
    }

    @PostMapping(path = "/cds-services/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode call(
            @PathVariable String id,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
            HttpServletRequest request) {
        CdsServiceCatalogue.CdsService cdsService = service(id);
        // timed from here: an unknown service id is the client's typo, not a service to keep a histogram for
        Timer.Sample timing = metrics.start();
        HttpStatusCode status = HttpStatus.OK;
        JsonNode body = null;
        try {
            body = body(request);
            HookRequest hookRequest = HookRequest.parse(body, Language.fromAcceptLanguage(acceptLanguage));
            String ownFhirBase = ServletUriComponentsBuilder.fromContextPath(request)
                    .path("/fhir")
                    .toUriString();
            ObjectNode response =
                    service.call(cdsService, hookRequest, () -> dataSources.forRequest(hookRequest, ownFhirBase));
            recordAccess(request, id, body, 0);
            return response;
        } catch (CdsException e) {
            status = e.status();
            recordAccess(request, id, body, e.status().is5xxServerError() ? 8 : 4);
            throw e;
        } catch (RuntimeException e) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            recordAccess(request, id, body, 8);
            throw e;
        } finally {
            metrics.called(timing, id, status);
        }
    }

    private CdsServiceCatalogue.CdsService service(String id) {
        return catalogue
                .service(id)
                .orElseThrow(
                        () -> new CdsException(HttpStatus.NOT_FOUND, "unknown-service", "No CDS service '" + id + "'"));
    }

    private void recordAccess(HttpServletRequest request, String serviceId, JsonNode body, int outcome) {
        audit.ifPresent(a -> a.record(request, serviceId, body, outcome));
    }

    @PostMapping(path = "/cds-services/{id}/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode feedback(@PathVariable String id, HttpServletRequest request) {
        service(id);
        JsonNode body = body(request);
        JsonNode entries = body.get("feedback");
        if (entries == null || !entries.isArray()) {
            throw CdsException.badRequest("missing-feedback", "'feedback' must be an array");
        }
        for (JsonNode entry : entries) {
            FeedbackStore.Feedback given = feedbackEntry(entry);
            String rule = feedback.record(id, given).orElse(CdsMetrics.UNKNOWN_RULE);
            metrics.feedback(rule, given.outcome());
        }
        return json.createObjectNode();
    }

    @GetMapping(path = "/cds-feedback/summary", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, List<Map<String, Object>>> feedbackSummary() {
        return Map.of("rules", feedback.summary());
    }

    private FeedbackStore.Feedback feedbackEntry(JsonNode entry) {
        String card = entry.path("card").asText(null);
        String outcome = entry.path("outcome").asText(null);
        if (card == null || card.isBlank()) {
            throw CdsException.badRequest("missing-card", "feedback[].card (the card's uuid) is required");
        }
        if (!"accepted".equals(outcome) && !"overridden".equals(outcome)) {
            throw CdsException.badRequest("bad-outcome", "feedback[].outcome must be 'accepted' or 'overridden'");
        }
        JsonNode reason = entry.path("overrideReason").path("reason");
        Instant at;
        try {
            at = entry.hasNonNull("outcomeTimestamp")
                    ? Instant.parse(entry.get("outcomeTimestamp").asText())
                    : null;
        } catch (DateTimeParseException e) {
            throw CdsException.badRequest("bad-timestamp", "feedback[].outcomeTimestamp is not an ISO instant");
        }
        List<String> accepted = new java.util.ArrayList<>();
        entry.path("acceptedSuggestions").forEach(s -> {
            if (s.hasNonNull("id")) {
                accepted.add(s.get("id").asText());
            }
        });
        return new FeedbackStore.Feedback(
                card,
                outcome,
                accepted,
                reason.path("code").asText(null),
                reason.path("display").asText(null),
                entry.path("overrideReason").path("userComment").asText(null),
                at);
    }

    /** Reads the body ourselves: content type, size and JSON syntax each get their own status. */
    private JsonNode body(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null
                || !MediaType.parseMediaType(contentType).getSubtype().matches("json|.*\\+json")) {
            throw new CdsException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    "The request body must be JSON (Content-Type: application/json)");
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        } catch (IOException e) {
            throw CdsException.badRequest("unreadable-body", "The request body could not be read");
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge();
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw CdsException.badRequest("malformed-request", "The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw CdsException.badRequest(
                    "malformed-json", "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CdsException.badRequest("unreadable-body", "The request body could not be read");
        }
    }

    private CdsException tooLarge() {
        return new CdsException(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "body-too-large",
                "The request body is larger than " + maxBodyBytes + " bytes");
    }
}
