package se.primarycare.cds.support;

import ca.uhn.fhir.parser.IParser;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;

/**
 * What the naive cross-checks read besides the server: the generated NDJSON files and the product table of
 * fhir-profiles (facts, not code under test).
 */
public final class GeneratedFiles {

    private GeneratedFiles() {}

    /** The resources of one type the generator wrote (none when it wrote no file of that type). */
    public static <T extends IBaseResource> List<T> read(Path dir, String type, Class<T> kind) throws Exception {
        IParser parser = FhirHttp.FHIR.newJsonParser();
        List<T> resources = new ArrayList<>();
        Path file = dir.resolve("ndjson").resolve(type + ".ndjson");
        if (!Files.exists(file)) {
            return resources;
        }
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                resources.add(parser.parseResource(kind, line));
            }
        }
        return resources;
    }

    /** Product code → {strength mg, DDD mg}, read from the product CodeSystem file. */
    public static Map<String, BigDecimal[]> products() {
        Map<String, BigDecimal[]> products = new HashMap<>();
        TestProfiles.profiles().ofType(CodeSystem.class).stream()
                .filter(cs -> cs.getUrl().equals("https://fhir.primarycare.se/CodeSystem/product"))
                .flatMap(cs -> cs.getConcept().stream())
                .forEach(c -> products.put(c.getCode(), new BigDecimal[] {
                    new BigDecimal(property(c, "strength-mg")), new BigDecimal(property(c, "ddd-mg"))
                }));
        return products;
    }

    private static String property(CodeSystem.ConceptDefinitionComponent concept, String name) {
        return concept.getProperty().stream()
                .filter(p -> p.getCode().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue()
                .primitiveValue();
    }
}
