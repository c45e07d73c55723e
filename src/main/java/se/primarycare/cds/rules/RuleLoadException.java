package se.primarycare.cds.rules;

/** A rule file cannot be used; the message names the file and the field. */
public class RuleLoadException extends RuntimeException {

    public RuleLoadException(String file, String problem) {
        super("cds-services/" + file + ": " + problem);
    }

    public RuleLoadException(String file, String problem, Throwable cause) {
        super("cds-services/" + file + ": " + problem, cause);
    }
}
