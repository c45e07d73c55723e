package se.primarycare.cds.support;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import se.primarycare.cds.terminology.FhirProfiles;
import se.primarycare.cds.terminology.TerminologyIndex;

/** The project's real {@code fhir-profiles/}, parsed once for unit tests that need terminology. */
public final class TestProfiles {

    private static FhirProfiles profiles;

    private TestProfiles() {}

    public static synchronized FhirProfiles profiles() {
        if (profiles == null) {
            profiles = FhirProfiles.load(FhirContext.forR4Cached(), "file:fhir-profiles/");
        }
        return profiles;
    }

    public static TerminologyIndex terminology() {
        return TerminologyIndex.of(profiles().ofType(CodeSystem.class));
    }
}
