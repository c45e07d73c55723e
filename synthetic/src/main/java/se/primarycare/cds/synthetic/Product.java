package se.primarycare.cds.synthetic;

import java.math.BigDecimal;
import java.util.List;

/**
 * One row of the product catalogue ({@code codes/products.csv}): a substance in one strength and form,
 * standing in for an NPL product id. Strength and DDD are in mg so that DDD = quantity × strength / ddd.
 */
public record Product(
        String code,
        String substance,
        String atc,
        BigDecimal strengthMg,
        String form,
        List<Integer> packSizes,
        BigDecimal dddMg) {

    public Product {
        packSizes = List.copyOf(packSizes);
    }

    public int smallestPack() {
        return packSizes.get(0);
    }

    public int largestPack() {
        return packSizes.get(packSizes.size() - 1);
    }

    /** The largest pack not above {@code limit}, or -1 when every pack is larger (e.g. lorazepam 100 only). */
    public int largestPackAtMost(int limit) {
        int best = -1;
        for (int pack : packSizes) {
            if (pack <= limit) {
                best = pack;
            }
        }
        return best;
    }

    /** The smallest pack of at least {@code minimum}, or the largest pack when none is that big. */
    public int smallestPackAtLeast(int minimum) {
        for (int pack : packSizes) {
            if (pack >= minimum) {
                return pack;
            }
        }
        return largestPack();
    }

    /** Swedish display text as a prescriber sees it, e.g. "Oxazepam 10 mg tablett". */
    public String displaySv() {
        String name = Character.toUpperCase(substance.charAt(0))
                + substance.substring(1).replace('-', '/');
        return name + " " + strengthMg.stripTrailingZeros().toPlainString() + " mg " + formSv();
    }

    /** Unit word used in Swedish dosage texts. */
    public String unitWordSv(boolean plural) {
        return switch (form) {
            case "cap" -> plural ? "kapslar" : "kapsel";
            case "efftab" -> plural ? "brustabletter" : "brustablett";
            default -> plural ? "tabletter" : "tablett";
        };
    }

    private String formSv() {
        return switch (form) {
            case "cap" -> "kapsel";
            case "prtab" -> "depottablett";
            case "efftab" -> "brustablett";
            default -> "tablett";
        };
    }
}
