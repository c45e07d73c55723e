package se.primarycare.cds.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import se.primarycare.cds.fuzz.FuzzCase.Auth;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;

/**
 * Generates bad inputs from valid ones, deterministically from a seed: mutated FHIR resources and bundles (wrong
 * types, removed or duplicated elements, huge strings, deep nesting, invalid UTF-8, truncation), bad search
 * parameters, mutated CDS Hooks requests and bad tokens.
 */
public final class FuzzCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> FHIR_JSON = Map.of("Content-Type", "application/fhir+json");
    private static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");

    private final Random random;
    private final List<ObjectNode> resources = new ArrayList<>();
    private final List<CdsFixture> hooks = CdsFixture.all();

    public FuzzCorpus(long seed, String unitId, String patientRef) {
        this.random = new Random(seed);
        var parser = FhirHttp.FHIR.newJsonParser();
        for (var resource : List.of(
                Fixtures.patient("198112189876", "1981-12-18", unitId),
                Fixtures.diagnosis(patientRef, "F41.1", "2026-01-10"),
                Fixtures.prescription(patientRef, "N05BA04", "oxazepam-10mg-tab", 25),
                Fixtures.sickLeave(patientRef, null, "2026-01-01", "2026-01-31", 100),
                Fixtures.unit(null, "SE2321000065-FUZZ", "Fuzz"))) {
            resources.add((ObjectNode) read(parser.encodeResourceToString(resource)));
        }
    }

    /** {@code count} cases, cycling through the kinds of bad input so that every kind is covered. */
    public List<FuzzCase> generate(int count) {
        List<FuzzCase> cases = new ArrayList<>(count);
        for (int i = 0; cases.size() < count; i++) {
            cases.add(
                    switch (i % 6) {
                        case 0, 1 -> mutatedResource();
                        case 2 -> mutatedBundle();
                        case 3 -> badSearch();
                        case 4 -> mutatedHookRequest();
                        default -> badToken();
                    });
        }
        return cases;
    }

    private FuzzCase mutatedResource() {
        ObjectNode resource = pick(resources).deepCopy();
        String type = resource.path("resourceType").asText();
        Mutation mutation = mutation();
        byte[] body = mutation.apply(resource);
        boolean update = random.nextInt(4) == 0;
        String path = update ? type + "/fuzz-" + random.nextInt(50) : type;
        return new FuzzCase(
                "resource " + type + ": " + mutation.name,
                update ? "PUT" : "POST",
                "/fhir/" + path,
                FHIR_JSON,
                body,
                Auth.FHIR);
    }

    private FuzzCase mutatedBundle() {
        ObjectNode bundle = NODES.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", random.nextBoolean() ? "transaction" : "batch");
        ArrayNode entries = bundle.putArray("entry");
        int size = 1 + random.nextInt(4);
        for (int i = 0; i < size; i++) {
            ObjectNode resource = pick(resources).deepCopy();
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", "urn:uuid:00000000-0000-4000-8000-00000000000" + i);
            entry.set("resource", resource);
            entry.putObject("request")
                    .put("method", "POST")
                    .put("url", resource.path("resourceType").asText());
        }
        Mutation mutation = mutation();
        // mutate one entry's resource, or the bundle itself
        byte[] body;
        if (random.nextBoolean()) {
            ObjectNode target = (ObjectNode) entries.get(random.nextInt(size)).get("resource");
            JsonNode mutated = readLenient(mutation.apply(target));
            if (mutated != null) {
                ((ObjectNode) entries.get(random.nextInt(size))).set("resource", mutated);
                body = bytes(bundle);
            } else {
                body = mutation.apply(bundle);
            }
        } else {
            body = mutation.apply(bundle);
        }
        return new FuzzCase("bundle: " + mutation.name, "POST", "/fhir", FHIR_JSON, body, Auth.FHIR);
    }

    private static final List<String> SEARCHES = List.of(
            "Patient?birthdate=",
            "Patient?birthdate=gt",
            "Condition?code:below=",
            "Condition?code:in=",
            "MedicationRequest?authoredon=",
            "Patient?_count=",
            "Condition?subject:Patient.organization=",
            "Observation?value-quantity=",
            "Patient?_sort=",
            "Condition?_include=",
            "Patient?_has:Condition:subject:code=",
            "Measure/an07/$evaluate-measure?periodStart=",
            "Measure/an07/$run-chart?from=",
            "Patient/",
            "Condition?_summary=",
            "Patient?_elements=",
            "ValueSet/$expand?url=");

    private static final List<String> BAD_VALUES = List.of(
            "",
            "-1",
            "abc",
            "2025-13-45",
            "99999999999999999999",
            "%00",
            "%FF%FE",
            "'%20OR%201=1--",
            "gt2025-02-30",
            "http://x|",
            "|||",
            "*",
            "..%2F..%2Fetc%2Fpasswd",
            "%7B%7D",
            "null",
            "1e309",
            "%E2%80%AE",
            "Patient/",
            "urn:uuid:",
            "a".repeat(5000));

    private FuzzCase badSearch() {
        String query = pick(SEARCHES) + pick(BAD_VALUES);
        if (random.nextInt(5) == 0) {
            query += "&" + pick(List.of("_count", "foo", "_format", "_pretty", "_summary")) + "=" + pick(BAD_VALUES);
        }
        return new FuzzCase("search " + abbreviate(query), "GET", "/fhir/" + query, Map.of(), new byte[0], Auth.FHIR);
    }

    private FuzzCase mutatedHookRequest() {
        CdsFixture fixture = pick(hooks);
        ObjectNode request = fixture.request().deepCopy();
        Mutation mutation = mutation();
        return new FuzzCase(
                "cds " + fixture.service() + ": " + mutation.name,
                "POST",
                "/cds-services/" + fixture.service(),
                JSON_TYPE,
                mutation.apply(request),
                Auth.CDS);
    }

    private FuzzCase badToken() {
        String[] tokens = {
            "",
            "Bearer",
            "Bearer ",
            "Bearer a.b.c",
            "Bearer " + "A".repeat(20_000),
            "Basic dXNlcjpwYXNz",
            "Bearer " + b64("{\"alg\":\"none\"}") + "."
                    + b64("{\"iss\":\"https://idp.test.primarycare.se\"," + "\"scope\":\"system/*.cruds\"}") + ".",
            "Bearer " + b64("{\"alg\":\"HS256\"}") + "." + b64("{\"sub\":\"x\"}") + ".c2ln",
            "Bearer \u0000\u0001",
            "Bearer ..",
            "bearer " + b64("{") + "." + b64("}") + ".x"
        };
        String token = tokens[random.nextInt(tokens.length)];
        boolean cds = random.nextBoolean();
        String path = cds ? "/cds-services/primarycare-order-sign" : "/fhir/Patient?_count=1";
        Map<String, String> headers = new java.util.HashMap<>(cds ? JSON_TYPE : Map.of());
        if (!token.isEmpty() && token.chars().noneMatch(c -> c < 0x20)) {
            headers.put("Authorization", token);
        }
        byte[] body = cds ? bytes(hooks.get(0).request()) : new byte[0];
        return new FuzzCase("token " + abbreviate(token), cds ? "POST" : "GET", path, headers, body, Auth.NONE);
    }

    /** A named change to a JSON document, giving the bytes to send. */
    private record Mutation(String name, java.util.function.Function<ObjectNode, byte[]> change) {
        byte[] apply(ObjectNode node) {
            return change.apply(node);
        }
    }

    private Mutation mutation() {
        int kind = random.nextInt(16);
        return switch (kind) {
            case 0 -> tree("remove a field", n -> remove(n, randomField(n)));
            case 1 -> tree("field becomes a number", n -> set(n, randomField(n), NODES.numberNode(random.nextLong())));
            case 2 ->
                tree(
                        "field becomes an array",
                        n -> set(n, randomField(n), NODES.arrayNode().add("x")));
            case 3 -> tree("field becomes an object", n -> set(n, randomField(n), NODES.objectNode()));
            case 4 -> tree("field becomes null", n -> set(n, randomField(n), NODES.nullNode()));
            case 5 ->
                tree("field becomes a huge string", n -> set(n, randomField(n), NODES.textNode("x".repeat(1 << 20))));
            case 6 -> tree("unknown element", n -> set(n, "fuzz" + random.nextInt(100), NODES.textNode("?")));
            case 7 ->
                tree(
                        "wrong resourceType",
                        n -> set(
                                n,
                                "resourceType",
                                NODES.textNode(
                                        pick(List.of("Patientx", "", "OperationOutcome", "Bundle", "Binary", "1")))));
            case 8 ->
                tree(
                        "bad date",
                        n -> set(
                                n,
                                pick(List.of("birthDate", "recordedDate", "authoredOn", "hookInstance")),
                                NODES.textNode(pick(
                                        List.of("2025-02-30", "yesterday", "99999-01-01", "2025-01-01T25:00:00Z")))));
            case 9 -> new Mutation("deep nesting", n -> deepNesting(1000 + random.nextInt(20_000)));
            case 10 -> new Mutation("invalid UTF-8", n -> invalidUtf8(bytes(n)));
            case 11 ->
                new Mutation("truncated", n -> {
                    byte[] all = bytes(n);
                    return java.util.Arrays.copyOf(all, random.nextInt(Math.max(1, all.length)));
                });
            case 12 ->
                new Mutation("not JSON", n -> pick(List.of(
                                "<Patient/>",
                                "",
                                "[]",
                                "null",
                                "\"x\"",
                                "{",
                                "}{",
                                "{\"resourceType\":\"Patient\",\"resourceType\":\"Condition\"}"))
                        .getBytes(StandardCharsets.UTF_8));
            case 13 ->
                tree("bad code", n -> {
                    n.findParents("code").forEach(p -> ((ObjectNode) p)
                            .put(
                                    "code",
                                    pick(List.of("F41.1\u0000", "", "N05BA04' OR 1=1", "x".repeat(300), "F99.99.99"))));
                    return n;
                });
            case 14 ->
                tree("bad reference", n -> {
                    n.findParents("reference").forEach(p -> ((ObjectNode) p)
                            .put(
                                    "reference",
                                    pick(List.of(
                                            "Patient/",
                                            "Patient/does-not-exist",
                                            "../../etc",
                                            "http://evil.example/Patient/1",
                                            "Patient/" + "9".repeat(200)))));
                    return n;
                });
            default ->
                tree("huge array", n -> {
                    ArrayNode array =
                            n.putArray(pick(List.of("identifier", "extension", "coding", "entry", "prefetch")));
                    for (int i = 0; i < 20_000; i++) {
                        array.add(NODES.objectNode().put("value", i));
                    }
                    return n;
                });
        };
    }

    private static Mutation tree(String name, UnaryOperator<ObjectNode> change) {
        return new Mutation(name, n -> bytes(change.apply(n)));
    }

    private String randomField(ObjectNode node) {
        List<String> names = new ArrayList<>();
        collectPaths(node, names);
        return names.isEmpty() ? "id" : pick(names);
    }

    private static void collectPaths(JsonNode node, List<String> names) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
    }

    private static ObjectNode remove(ObjectNode node, String field) {
        node.remove(field);
        return node;
    }

    private static ObjectNode set(ObjectNode node, String field, JsonNode value) {
        node.set(field, value);
        return node;
    }

    private static byte[] deepNesting(int depth) {
        StringBuilder text = new StringBuilder("{\"resourceType\":\"Patient\",\"extension\":");
        text.append("[{\"extension\":".repeat(depth));
        text.append("[]");
        text.append("}]".repeat(depth));
        text.append('}');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8(byte[] valid) {
        byte[] broken = valid.clone();
        for (int i = 0; i < 3 && broken.length > 2; i++) {
            broken[1 + random.nextInt(broken.length - 2)] = (byte) (int) pick(List.of(0xC3, 0xFF, 0xFE, 0x80, 0xED));
        }
        return broken;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readLenient(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
