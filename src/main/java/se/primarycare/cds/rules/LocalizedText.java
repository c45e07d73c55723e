package se.primarycare.cds.rules;

/** A text in Swedish (the clinicians' language, the default) and English. */
public record LocalizedText(String sv, String en) {

    public String in(Language language) {
        return language == Language.EN && en != null ? en : sv;
    }
}
