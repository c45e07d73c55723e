package se.primarycare.cds.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;

/** HAPI's instance validator loaded with the project's profiles, as an external validator would use them. */
public final class ProfileValidator {

    public static final String PROFILE = "https://fhir.primarycare.se/StructureDefinition/";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static FhirValidator validator;

    private ProfileValidator() {}

    private static synchronized FhirValidator validator() {
        if (validator == null) {
            PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(FHIR);
            TestProfiles.profiles().files().forEach(f -> ours.addResource(f.resource()));
            ValidationSupportChain chain = new ValidationSupportChain(
                    ours,
                    new DefaultProfileValidationSupport(FHIR),
                    new SnapshotGeneratingValidationSupport(FHIR),
                    new InMemoryTerminologyServerValidationSupport(FHIR),
                    new CommonCodeSystemsTerminologyService(FHIR));
            validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        }
        return validator;
    }

    /** Error messages (with location) of validating the resource against one of our profiles. */
    public static List<String> errors(Resource resource, String profile) {
        Resource copy = resource.copy();
        copy.getMeta().getProfile().clear();
        copy.getMeta().addProfile(PROFILE + profile);
        return validator().validateWithResult(copy).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
