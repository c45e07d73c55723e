package se.primarycare.cds.terminology;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The product CodeSystem of {@code fhir-profiles/} as the rules use it: strength, pack sizes and DDD. */
public final class ProductCatalogue {

    public static final String SYSTEM = "https://fhir.primarycare.se/CodeSystem/product";

    /** One product (substance + strength + form) and its pack sizes, smallest first. */
    public record Product(
            String code,
            String atc,
            BigDecimal strengthMg,
            List<Integer> packSizes,
            BigDecimal dddMg,
            boolean verified,
            Concept concept) {

        /** The largest pack of at most {@code limit} units, if any. */
        public Optional<Integer> largestPackAtMost(int limit) {
            return packSizes.stream().filter(p -> p <= limit).max(Integer::compare);
        }
    }

    private final List<Product> products;

    public ProductCatalogue(TerminologyIndex terminology) {
        this.products = terminology.concepts(SYSTEM).stream()
                .map(ProductCatalogue::product)
                .toList();
    }

    private static Product product(Concept concept) {
        return new Product(
                concept.code(),
                concept.property("atc").orElseThrow(),
                new BigDecimal(concept.property("strength-mg").orElseThrow()),
                concept.properties("pack-size").stream()
                        .map(Integer::valueOf)
                        .sorted()
                        .toList(),
                new BigDecimal(concept.property("ddd-mg").orElseThrow()),
                concept.flag("verified"),
                concept);
    }

    public Optional<Product> product(String code) {
        return products.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /**
     * The verified products of a substance (ATC code) that come in a pack of at most {@code limit} units, each
     * with its largest such pack, by strength. Products with {@code verified=false} are never offered.
     */
    public List<StarterPack> starterPacks(String atc, int limit) {
        return products.stream()
                .filter(p -> p.atc().equals(atc) && p.verified())
                .filter(p -> p.largestPackAtMost(limit).isPresent())
                .sorted(Comparator.comparing(Product::strengthMg).thenComparing(Product::code))
                .map(p -> new StarterPack(p, p.largestPackAtMost(limit).orElseThrow()))
                .toList();
    }

    /** A product and the pack size to prescribe. */
    public record StarterPack(Product product, int packSize) {}
}
