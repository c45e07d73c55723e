package se.primarycare.cds.terminology;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One concept of a loaded CodeSystem, with its parent, its properties (values as strings) and its displays in
 * other languages (designations by language code).
 */
public record Concept(
        String system,
        String code,
        String display,
        String parent,
        Map<String, List<String>> properties,
        Map<String, String> designations) {

    /** The display in a language ({@code sv}, {@code en}): a designation in it, else the display. */
    public String display(String language) {
        return designations.getOrDefault(language, display);
    }

    public Optional<String> property(String name) {
        List<String> values = properties.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> properties(String name) {
        return properties.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return property(name).map(Boolean::parseBoolean).orElse(false);
    }
}
