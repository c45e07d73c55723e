package se.primarycare.cds.synthetic;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * The product catalogue, read from the product CodeSystem in {@code fhir-profiles/} (generated from
 * {@code fhir-profiles/codes/products.csv}), so the generator and the server use one source. Only products
 * from it are written as product codes, so every product code the generator emits is one the server's DDD
 * calculation can resolve.
 */
public final class ProductCatalog {

    private static final String CODE_SYSTEM = "fhir-profiles/CodeSystem-product.json";
    private static final List<Product> PRODUCTS = load();

    private ProductCatalog() {}

    public static List<Product> all() {
        return PRODUCTS;
    }

    public static Product byCode(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("Unknown product " + code));
    }

    public static Optional<Product> find(String code) {
        return PRODUCTS.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    private static List<Product> load() {
        CodeSystem codeSystem;
        try (InputStream in = ProductCatalog.class.getClassLoader().getResourceAsStream(CODE_SYSTEM)) {
            if (in == null) {
                throw new IllegalStateException(CODE_SYSTEM + " is not on the classpath");
            }
            codeSystem = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Product> products = new ArrayList<>();
        for (ConceptDefinitionComponent concept : codeSystem.getConcept()) {
            products.add(new Product(
                    concept.getCode(),
                    text(concept, "substance"),
                    text(concept, "atc"),
                    new BigDecimal(text(concept, "strength-mg")),
                    text(concept, "form"),
                    concept.getProperty().stream()
                            .filter(p -> "pack-size".equals(p.getCode()))
                            .map(p -> Integer.valueOf(p.getValue().primitiveValue()))
                            .sorted()
                            .toList(),
                    new BigDecimal(text(concept, "ddd-mg"))));
        }
        return List.copyOf(products);
    }

    private static String text(ConceptDefinitionComponent concept, String property) {
        return concept.getProperty().stream()
                .filter(p -> property.equals(p.getCode()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        CODE_SYSTEM + ": product " + concept.getCode() + " has no property " + property))
                .getValue()
                .primitiveValue();
    }
}
