package se.primarycare.cds.synthetic;

/**
 * ATC groups the generator and its summary reason about, plus the Swedish substance names of
 * {@code codes/atc.csv} used as display text. Membership is a plain prefix test because ATC is hierarchical
 * (N05BA04 is below N05BA), exactly as {@code code:below} treats it.
 */
public final class AtcCodes {

    public static final String BENZODIAZEPINES = "N05BA";
    public static final String CLONAZEPAM = "N03AE01";
    public static final String Z_DRUGS = "N05CF";
    public static final String BENZODIAZEPINE_HYPNOTICS = "N05CD";
    public static final String OPIOIDS = "N02A";
    public static final String PREGABALIN = "N02BF02";
    public static final String GABAPENTINOIDS = "N02BF";
    public static final String SSRI = "N06AB";
    /** Antidepressants that are not in the product catalogue: prescribed with the ATC code only. */
    public static final String CITALOPRAM = "N06AB04";

    public static final String MIRTAZAPINE = "N06AX11";

    private AtcCodes() {}

    public static boolean isBelow(String code, String group) {
        return code != null && code.startsWith(group);
    }

    /** Swedish substance name (name_sv of atc.csv) for the level-5 codes the generator prescribes. */
    public static String displaySv(String code) {
        return switch (code) {
            case "N02AA01" -> "morfin";
            case "N02AA05" -> "oxikodon";
            case "N02AJ06" -> "kodein och paracetamol";
            case "N02AX02" -> "tramadol";
            case "N02BF02" -> "pregabalin";
            case "N03AE01" -> "klonazepam";
            case "N05BA01" -> "diazepam";
            case "N05BA04" -> "oxazepam";
            case "N05BA06" -> "lorazepam";
            case "N05BA12" -> "alprazolam";
            case "N05BB01" -> "hydroxizin";
            case "N05CD02" -> "nitrazepam";
            case "N05CF01" -> "zopiklon";
            case "N05CF02" -> "zolpidem";
            case "N05CH01" -> "melatonin";
            case "N05CM06" -> "propiomazin";
            case "N06AB04" -> "citalopram";
            case "N06AB06" -> "sertralin";
            case "N06AB10" -> "escitalopram";
            case "N06AX11" -> "mirtazapin";
            default -> throw new IllegalArgumentException("No display for ATC " + code);
        };
    }
}
