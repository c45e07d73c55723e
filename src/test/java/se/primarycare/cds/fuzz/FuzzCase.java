package se.primarycare.cds.fuzz;

import java.util.Map;

/**
 * One bad input: an HTTP request the server must refuse (or accept) without a 5xx, a stack trace or a partial
 * write.
 *
 * @param name what was done to the input, for the report
 * @param auth FHIR: use the test token with every scope; CDS: sign a valid EHR token; NONE: send {@code headers}
 *     only
 */
public record FuzzCase(String name, String method, String path, Map<String, String> headers, byte[] body, Auth auth) {

    public enum Auth {
        FHIR,
        CDS,
        NONE
    }

    public boolean isWrite() {
        return !method.equals("GET");
    }
}
