package se.primarycare.cds.hooks;

import java.util.Arrays;
import java.util.Optional;

/**
 * The parts of the patient's record a CDS call uses, by the prefetch key the services announce in {@code
 * cds-services/services.json} (whose templates must name exactly these keys: checked at start).
 */
public enum PrefetchKey {
    PATIENT("patient"),
    CONDITIONS("conditions"),
    MEDICATION_REQUESTS("medicationRequests"),
    MEDICATION_STATEMENTS("medicationStatements"),
    PROCEDURES("procedures"),
    SERVICE_REQUESTS("serviceRequests"),
    SICK_LEAVE("sickLeave"),
    CARE_PLANS("carePlans");

    private final String key;

    PrefetchKey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PrefetchKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
