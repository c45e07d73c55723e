package se.primarycare.cds.rules;

/** A coding as the rules see it: system, code and (optional) display. */
public record Coded(String system, String code, String display) {

    public static Coded of(String system, String code) {
        return new Coded(system, code, null);
    }
}
