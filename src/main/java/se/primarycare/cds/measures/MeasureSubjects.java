package se.primarycare.cds.measures;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.StringType;

/** The {@code subject} parameter of the measure operations: a unit (Organization/{id}) or all units. */
final class MeasureSubjects {

    private MeasureSubjects() {}

    /** The Organization id, or null for all units. */
    static String unit(StringType subject) {
        if (subject == null || subject.getValue() == null || subject.getValue().isBlank()) {
            return null;
        }
        String value = subject.getValue();
        if (!value.startsWith("Organization/") || value.length() == "Organization/".length()) {
            throw new InvalidRequestException("subject must be Organization/{id} (a vårdcentral), not '" + value + "'");
        }
        return value.substring("Organization/".length());
    }
}
