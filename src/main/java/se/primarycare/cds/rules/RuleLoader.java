package se.primarycare.cds.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the rule files ({@code <rule-id>.json}) of one or more folders, checks each against {@code
 * rule.schema.json} and against the loaded terminology, and fails naming the file and field at the first
 * problem, so a bad rule stops the start instead of silently never firing.
 */
public final class RuleLoader {

    public static final String SCHEMA = "rule.schema.json";
    private static final Set<String> NOT_RULES = Set.of(SCHEMA, "services.json");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final JsonSchema schema;
    private final Predicate<String> valueSetExists;

    public RuleLoader(Predicate<String> valueSetExists) {
        this.valueSetExists = valueSetExists;
        try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream("cds-services/" + SCHEMA)) {
            if (in == null) {
                throw new RuleLoadException(SCHEMA, "is not on the classpath");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(json.readTree(in));
        } catch (IOException e) {
            throw new RuleLoadException(SCHEMA, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Loads every rule file of the locations (Spring resource folders, e.g. {@code classpath:cds-services/}). */
    public List<RuleDefinition> load(List<String> locations) {
        List<RuleDefinition> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String location : locations) {
            for (Resource resource : list(location)) {
                String name = resource.getFilename();
                if (name == null || NOT_RULES.contains(name)) {
                    continue;
                }
                RuleDefinition rule = parse(name, read(name, resource));
                if (!ids.add(rule.id())) {
                    throw new RuleLoadException(name, "id: rule '" + rule.id() + "' is defined twice");
                }
                rules.add(rule);
            }
        }
        rules.sort(Comparator.comparing(RuleDefinition::id));
        return rules;
    }

    RuleDefinition parse(String name, JsonNode node) {
        List<ValidationMessage> problems = new ArrayList<>(schema.validate(node));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
            ValidationMessage first = problems.get(0);
            throw new RuleLoadException(name, first.getInstanceLocation() + ": " + first.getMessage());
        }
        RuleDefinition rule;
        try {
            rule = json.treeToValue(node, RuleDefinition.class);
        } catch (IOException e) {
            throw new RuleLoadException(name, e.getMessage(), e);
        }
        if (!name.equals(rule.id() + ".json")) {
            throw new RuleLoadException(name, "id: '" + rule.id() + "' must match the file name");
        }
        checkValueSets(name, node, "$");
        if (!"info".equals(rule.indicator()) && rule.overrideReasons().isEmpty()) {
            throw new RuleLoadException(
                    name, "overrideReasons: a " + rule.indicator() + " card must offer override reasons");
        }
        return rule;
    }

    /** Every {@code valueSet} named anywhere in the rule must be one of {@code fhir-profiles/}. */
    private void checkValueSets(String name, JsonNode node, String path) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String here = path + "." + field.getKey();
                if (field.getKey().equals("valueSet")
                        && !valueSetExists.test(field.getValue().asText())) {
                    throw new RuleLoadException(
                            name, here + ": ValueSet '" + field.getValue().asText() + "' is not in fhir-profiles/");
                }
                checkValueSets(name, field.getValue(), here);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkValueSets(name, node.get(i), path + "[" + i + "]");
            }
        }
    }

    private JsonNode read(String name, Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new RuleLoadException(name, "is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<Resource> list(String location) {
        String folder = location.endsWith("/") ? location : location + "/";
        try {
            return List.of(new PathMatchingResourcePatternResolver().getResources(folder + "*.json"));
        } catch (IOException e) {
            throw new RuleLoadException(location, "cannot list the folder: " + e.getMessage(), e);
        }
    }
}
