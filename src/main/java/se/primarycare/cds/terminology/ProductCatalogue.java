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
                concept);
    }

    public Optional<Product> product(String code) {
        return products.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /**
     * The starter package for a draft (cds-rules.md, "Starter pack"): among products of the same substance
     * (ATC code), the largest pack ≤ the limit, preferring the draft's strength, then the closest strength
     * (the lower one on a tie). Empty when the substance has no pack that small (lorazepam, clonazepam).
     */
    public Optional<StarterPack> starterPack(String atc, String draftProduct, int limit) {
        BigDecimal strength = product(draftProduct).map(Product::strengthMg).orElse(null);
        return products.stream()
                .filter(p -> p.atc().equals(atc))
                .filter(p -> p.largestPackAtMost(limit).isPresent())
                .min(Comparator.comparing((Product p) -> strength == null
                                ? p.strengthMg()
                                : p.strengthMg().subtract(strength).abs())
                        .thenComparing(Product::strengthMg))
                .map(p -> new StarterPack(p, p.largestPackAtMost(limit).orElseThrow()));
    }

    /** A product and the pack size to prescribe. */
    public record StarterPack(Product product, int packSize) {}
}
