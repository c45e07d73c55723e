package se.primarycare.cds.synthetic;

/** Swedish dosage instructions ("doseringsanvisning") as a GP writes them for each substance. */
final class DosageTexts {

    private DosageTexts() {}

    static String forDrug(Drug drug) {
        if (drug.product() == null) {
            return switch (drug.atc()) {
                case AtcCodes.MIRTAZAPINE -> "1 tablett till natten";
                default -> "1 tablett dagligen";
            };
        }
        return switch (drug.product().substance()) {
            case "oxazepam", "hydroxyzine" -> "1 tablett vid behov vid svår oro, högst 3 tabletter per dygn";
            case "diazepam", "lorazepam" -> "1 tablett vid behov, högst 2 tabletter per dygn";
            case "alprazolam" -> "1 tablett 2 gånger dagligen vid behov";
            case "clonazepam" -> "1 tablett 2 gånger dagligen";
            case "zopiclone", "zolpidem", "nitrazepam", "propiomazine" -> "1 tablett till natten vid behov";
            case "melatonin" -> "1 depottablett 1–2 timmar före sänggåendet";
            case "sertraline" -> "1 tablett dagligen, gärna på morgonen";
            case "escitalopram" -> "1 tablett dagligen";
            case "codeine-paracetamol" ->
                drug.product().form().equals("efftab")
                        ? "1–2 brustabletter lösta i vatten vid behov, högst 8 per dygn"
                        : "1–2 tabletter vid behov, högst 8 tabletter per dygn";
            case "tramadol", "oxycodone", "morphine" -> "1 tablett vid behov mot smärta, högst 4 tabletter per dygn";
            case "pregabalin" -> "1 kapsel 2 gånger dagligen";
            default -> "Enligt ordination";
        };
    }
}
