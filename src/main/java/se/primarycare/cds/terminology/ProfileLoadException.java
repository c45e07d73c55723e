package se.primarycare.cds.terminology;

/** A conformance file in {@code fhir-profiles/} cannot be used; the message names the file and the problem. */
public class ProfileLoadException extends RuntimeException {

    public ProfileLoadException(String file, String problem) {
        super("fhir-profiles/" + file + ": " + problem);
    }

    public ProfileLoadException(String file, String problem, Throwable cause) {
        super("fhir-profiles/" + file + ": " + problem, cause);
    }
}
