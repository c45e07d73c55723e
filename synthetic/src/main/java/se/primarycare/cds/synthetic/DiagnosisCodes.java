package se.primarycare.cds.synthetic;

/**
 * The ICD-10-SE codes the generator records, with their official Swedish titles from {@code codes/icd10se.csv}.
 * Only codes present in that table are used, so every diagnosis can be resolved by the server's code system
 * (with the dot, as the contract stores them).
 */
public final class DiagnosisCodes {

    private DiagnosisCodes() {}

    /** Anxiety value set: F40–F48 and everything below (the block code itself is never recorded). */
    public static boolean isAnxiety(String code) {
        return code.matches("F4[0-8].*");
    }

    public static boolean isPsychiatric(String code) {
        return code.startsWith("F");
    }

    public static boolean isDepression(String code) {
        return code.startsWith("F32") || code.startsWith("F33");
    }

    public static boolean isInsomnia(String code) {
        return code.equals("F51.0") || code.equals("G47.0");
    }

    public static String displaySv(String code) {
        return switch (code) {
            case "F10" -> "Psykiska störningar och beteendestörningar orsakade av alkohol";
            case "F13" -> "Psykiska störningar och beteendestörningar orsakade av sedativa och hypnotika";
            case "F32.0" -> "Lindrig depressiv episod";
            case "F32.1" -> "Medelsvår depressiv episod";
            case "F32.2" -> "Svår depressiv episod utan psykotiska symtom";
            case "F32.9" -> "Depressiv episod, ospecificerad";
            case "F33.0" -> "Recidiverande depression, lindrig episod";
            case "F33.1" -> "Recidiverande depression, medelsvår episod";
            case "F33.4" -> "Recidiverande depression utan aktuella symtom";
            case "F33.9" -> "Recidiverande depression, ospecificerad";
            case "F40.0" -> "Agorafobi";
            case "F40.1" -> "Social fobi";
            case "F40.2B" -> "Djurfobi";
            case "F40.9" -> "Fobi, ospecificerad";
            case "F41.0" -> "Paniksyndrom [episodisk paroxysmal ångest]";
            case "F41.1" -> "Generaliserat ångestsyndrom";
            case "F41.2" -> "Blandade ångest- och depressionstillstånd";
            case "F41.8" -> "Andra specificerade ångesttillstånd";
            case "F41.9" -> "Ångesttillstånd, ospecificerat";
            case "F42.2" -> "Tvångstankar med tvångshandlingar";
            case "F43.0" -> "Akut stressreaktion";
            case "F43.1" -> "Posttraumatiskt stressyndrom";
            case "F43.2" -> "Anpassningsstörning";
            case "F43.8A" -> "Utmattningssyndrom";
            case "F43.9" -> "Reaktion på svår stress, ospecificerad";
            case "F45.1" -> "Odifferentierat somatoformt syndrom";
            case "F48.0" -> "Neurasteni";
            case "F51.0" -> "Icke-organisk sömnlöshet";
            case "G47.0" -> "Insomni (insomningsstörningar och avkortad nattsömn)";
            case "Z73.0" -> "Utbrändhet";
            default -> throw new IllegalArgumentException("No display for ICD-10-SE " + code);
        };
    }
}
