package se.primarycare.cds.synthetic;

/**
 * What is prescribed: always an ATC code, and a catalogue product when there is one. Citalopram and
 * mirtazapine are not in the product catalogue, so their prescriptions carry the ATC code only, like
 * prescriptions from an EHR that does not send NPL ids.
 */
public record Drug(String atc, Product product) {

    public static Drug of(String productCode) {
        Product product = ProductCatalog.byCode(productCode);
        return new Drug(product.atc(), product);
    }

    public static Drug atcOnly(String atc) {
        return new Drug(atc, null);
    }

    public String displaySv() {
        if (product != null) {
            return product.displaySv();
        }
        String name = AtcCodes.displaySv(atc);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
