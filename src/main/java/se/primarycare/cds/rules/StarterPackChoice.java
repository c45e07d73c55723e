package se.primarycare.cds.rules;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import se.primarycare.cds.terminology.ProductCatalogue;
import se.primarycare.cds.terminology.ProductCatalogue.Product;
import se.primarycare.cds.terminology.ProductCatalogue.StarterPack;

/**
 * Which starter pack to propose for a draft (cds-rules.md v2, "Never change the strength silently"): the same
 * strength when it has a verified pack ≤ the limit; else the closest verified strength, named as a change; no
 * proposal when the draft's strength is unknown (then the options are listed) or no small pack exists.
 */
public sealed interface StarterPackChoice {

    /** The draft's own strength comes in a small enough pack. */
    record SameStrength(StarterPack pack) implements StarterPackChoice {}

    /** Only another strength does: the suggestion must say so. */
    record OtherStrength(StarterPack pack, Product prescribed) implements StarterPackChoice {}

    /** The draft names no product, so its strength is unknown: list the starter packs, change nothing. */
    record UnknownStrength(List<StarterPack> options) implements StarterPackChoice {}

    /** No verified pack of the substance is small enough (e.g. lorazepam, clonazepam). */
    record NoPack() implements StarterPackChoice {}

    static StarterPackChoice choose(ProductCatalogue products, DraftOrder draft, int limit) {
        String atc = draft.code(se.primarycare.cds.terminology.CodeHierarchy.ATC);
        List<StarterPack> options = products.starterPacks(atc, limit);
        if (options.isEmpty()) {
            return new NoPack();
        }
        Optional<Product> prescribed = products.product(draft.code(ProductCatalogue.SYSTEM))
                .filter(p -> p.atc().equals(atc));
        if (prescribed.isEmpty()) {
            return new UnknownStrength(options);
        }
        BigDecimal strength = prescribed.get().strengthMg();
        Optional<StarterPack> same = options.stream()
                .filter(o -> o.product().strengthMg().compareTo(strength) == 0)
                .min(Comparator.comparing((StarterPack o) ->
                        !o.product().code().equals(prescribed.get().code())));
        if (same.isPresent()) {
            return new SameStrength(same.get());
        }
        StarterPack closest = options.stream()
                .min(Comparator.comparing((StarterPack o) ->
                                o.product().strengthMg().subtract(strength).abs())
                        .thenComparing(o -> o.product().strengthMg()))
                .orElseThrow();
        return new OtherStrength(closest, prescribed.get());
    }
}
