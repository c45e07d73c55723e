package se.primarycare.cds.rules;

/** The language of card texts: Swedish unless the request asks for English. */
public enum Language {
    SV,
    EN;

    /** {@code Accept-Language} starting with {@code en} (e.g. {@code en-GB}) selects English. */
    public static Language fromAcceptLanguage(String header) {
        return header != null
                        && header.trim().toLowerCase(java.util.Locale.ROOT).startsWith("en")
                ? EN
                : SV;
    }
}
