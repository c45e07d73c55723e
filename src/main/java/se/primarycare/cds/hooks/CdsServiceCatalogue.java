package se.primarycare.cds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import se.primarycare.cds.rules.RuleLoadException;

/**
 * The three CDS services (one per hook: distinct ids, because the reference sandbox merges services that share
 * one) and the prefetch templates they announce, from {@code cds-services/services.json}.
 */
public final class CdsServiceCatalogue {

    private static final String FILE = "services.json";

    /** One service: its id, hook and the discovery entry as published. */
    public record CdsService(String id, String hook, ObjectNode discovery) {}

    private final Map<String, CdsService> services = new LinkedHashMap<>();
    private final Map<PrefetchKey, String> prefetch = new java.util.EnumMap<>(PrefetchKey.class);

    public CdsServiceCatalogue(ObjectMapper json) {
        JsonNode root;
        try (InputStream in = CdsServiceCatalogue.class.getClassLoader().getResourceAsStream("cds-services/" + FILE)) {
            if (in == null) {
                throw new RuleLoadException(FILE, "is not on the classpath");
            }
            root = json.readTree(in);
        } catch (IOException e) {
            throw new RuleLoadException(FILE, "is not valid JSON: " + e.getMessage(), e);
        }
        root.path("prefetch").fields().forEachRemaining(f -> {
            PrefetchKey key = PrefetchKey.of(f.getKey())
                    .orElseThrow(() -> new RuleLoadException(
                            FILE, "prefetch." + f.getKey() + ": not a key the service reads " + keys()));
            prefetch.put(key, f.getValue().asText());
        });
        for (PrefetchKey key : PrefetchKey.values()) {
            if (!prefetch.containsKey(key)) {
                throw new RuleLoadException(FILE, "prefetch." + key.key() + " is missing");
            }
        }
        for (JsonNode service : root.path("services")) {
            String id = required(service, "id");
            String hook = required(service, "hook");
            ObjectNode discovery = ((ObjectNode) service).deepCopy();
            ObjectNode templates = discovery.putObject("prefetch");
            prefetch.forEach((key, template) -> templates.put(key.key(), template));
            if (services.values().stream().anyMatch(s -> s.hook().equals(hook))) {
                throw new RuleLoadException(FILE, "services: hook '" + hook + "' has two services");
            }
            services.put(id, new CdsService(id, hook, discovery));
        }
    }

    private static java.util.List<String> keys() {
        return java.util.Arrays.stream(PrefetchKey.values())
                .map(PrefetchKey::key)
                .toList();
    }

    private static String required(JsonNode service, String field) {
        if (!service.hasNonNull(field)) {
            throw new RuleLoadException(FILE, "services[]." + field + " is missing");
        }
        return service.get(field).asText();
    }

    public Optional<CdsService> service(String id) {
        return Optional.ofNullable(services.get(id));
    }

    /** Prefetch key → FHIR query template with {@code {{context.patientId}}}. */
    public Map<PrefetchKey, String> prefetch() {
        return prefetch;
    }

    public ObjectNode discovery(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("services");
        services.values().forEach(s -> list.add(s.discovery()));
        return root;
    }
}
