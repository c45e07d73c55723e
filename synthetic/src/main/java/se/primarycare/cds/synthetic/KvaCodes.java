package se.primarycare.cds.synthetic;

/** KVÅ procedure codes the generator records, with the Swedish titles of {@code codes/kva.csv}. */
public final class KvaCodes {

    public static final String KBT = "DU011";
    public static final String PSYCHODYNAMIC = "DU008";
    public static final String IPT = "DU022";
    public static final String SIMPLE_ACTIVITY_ADVICE = "DV131";
    public static final String ACTIVITY_COUNSELLING = "DV132";
    public static final String QUALIFIED_ACTIVITY_COUNSELLING = "DV133";
    public static final String FAR = "DV200";
    public static final String FAR_FOLLOW_UP = "AW005";
    public static final String MEDICATION_REVIEW = "XV015";
    public static final String MEDICATION_REVIEW_COMPREHENSIVE = "XV016";

    private KvaCodes() {}

    public static String displaySv(String code) {
        return switch (code) {
            case KBT -> "Systematisk psykologisk behandling, kognitiv beteendeterapeutisk";
            case PSYCHODYNAMIC -> "Psykodynamisk psykoterapi";
            case IPT -> "Interpersonell psykoterapi (IPT)";
            case SIMPLE_ACTIVITY_ADVICE -> "Enkla råd om fysisk aktivitet";
            case ACTIVITY_COUNSELLING -> "Rådgivande samtal om fysisk aktivitet";
            case QUALIFIED_ACTIVITY_COUNSELLING -> "Kvalificerat rådgivande samtal om fysisk aktivitet";
            case FAR -> "Utfärdande av Fysisk aktivitet på recept (FaR)";
            case FAR_FOLLOW_UP -> "Uppföljning av tidigare utfärdat recept på fysisk aktivitet (FaR)";
            case MEDICATION_REVIEW -> "Läkemedelsgenomgång, enkel";
            case MEDICATION_REVIEW_COMPREHENSIVE -> "Läkemedelsgenomgång, fördjupad";
            default -> throw new IllegalArgumentException("No display for KVÅ " + code);
        };
    }
}
