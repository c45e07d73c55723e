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
    public static final String ENGINE = "engine.json";
    private static final Set<String> NOT_RULES = Set.of(SCHEMA, "services.json", ENGINE);

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
        checkMergeTargets(rules);
        return rules;
    }

    /**
     * The engine's own settings ({@code engine.json} of the first location that has one): conditional members
     * of value sets and the texts the engine adds.
     */
    public EngineSettings loadEngine(List<String> locations) {
        for (String location : locations) {
            for (Resource resource : list(location)) {
                if (ENGINE.equals(resource.getFilename())) {
                    try {
                        EngineSettings settings = json.treeToValue(read(ENGINE, resource), EngineSettings.class);
                        if (settings.texts() == null || settings.texts().unverifiedCode() == null) {
                            throw new RuleLoadException(ENGINE, "texts.unverifiedCode is missing");
                        }
                        return settings;
                    } catch (IOException e) {
                        throw new RuleLoadException(ENGINE, e.getMessage(), e);
                    }
                }
            }
        }
        throw new RuleLoadException(ENGINE, "is in none of " + locations);
    }

    /** cds-services/engine.json. */
    public record EngineSettings(List<ConditionalMember> conditionalMembers, EngineTexts texts) {

        public EngineSettings {
            conditionalMembers = conditionalMembers == null ? List.of() : List.copyOf(conditionalMembers);
        }
    }

    private static void checkMergeTargets(List<RuleDefinition> rules) {
        Set<String> ids = new HashSet<>();
        rules.forEach(r -> ids.add(r.id()));
        for (RuleDefinition rule : rules) {
            for (String target : rule.mergeInto()) {
                if (!ids.contains(target)) {
                    throw new RuleLoadException(rule.id() + ".json", "mergeInto: no rule '" + target + "' is loaded");
                }
            }
        }
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
        if (rule.indicator().interrupts() && rule.overrideReasons().isEmpty()) {
            throw new RuleLoadException(
                    name, "overrideReasons: a " + rule.indicator().code() + " card must offer override reasons");
        }
        checkConditionOrder(name, rule);
        checkCaseNames(name, rule);
        return rule;
    }

    /** A condition that needs an episode or diagnosis must come after one that finds it, in every case. */
    private static void checkConditionOrder(String name, RuleDefinition rule) {
        for (int c = 0; c < rule.cases().size(); c++) {
            Set<Findings.Kind> found = new HashSet<>();
            List<Condition> when = rule.cases().get(c).when();
            for (int i = 0; i < when.size(); i++) {
                Set<Findings.Kind> missing = new HashSet<>(when.get(i).needs());
                missing.removeAll(found);
                if (!missing.isEmpty()) {
                    throw new RuleLoadException(
                            name,
                            "cases[" + c + "].when[" + i + "]: needs " + missing
                                    + " found by an earlier condition (e.g. sick-leave-episode first)");
                }
                found.addAll(when.get(i).gives());
            }
        }
    }

    /** Suggestions and links limited to cases must name cases that exist. */
    private static void checkCaseNames(String name, RuleDefinition rule) {
        Set<String> cases = new HashSet<>();
        rule.cases().forEach(c -> cases.add(c.name()));
        List<String> used = new ArrayList<>();
        rule.suggestions().forEach(s -> used.addAll(s.cases() == null ? List.of() : s.cases()));
        rule.links().forEach(l -> used.addAll(l.cases()));
        for (String wanted : used) {
            if (!cases.contains(wanted)) {
                throw new RuleLoadException(name, "cases: no case is named '" + wanted + "'");
            }
        }
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
