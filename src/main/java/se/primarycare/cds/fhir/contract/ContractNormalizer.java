package se.primarycare.cds.fhir.contract;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * Rewrites the spellings the contract accepts into the one it stores, before validation and indexing, so
 * that searches find {@code F41.1} whether the EHR sent {@code F411} or {@code F41.1}.
 */
public final class ContractNormalizer {

    private final FhirTerser terser;

    public ContractNormalizer(FhirContext fhirContext) {
        this.terser = fhirContext.newTerser();
    }

    public void normalise(IBaseResource resource) {
        for (Coding coding : terser.getAllPopulatedChildElementsOfType(resource, Coding.class)) {
            if (ContractSystems.ICD_10_SE.equals(coding.getSystem()) && coding.hasCode()) {
                coding.setCode(Icd10Se.normalise(coding.getCode()));
            }
        }
        if (resource instanceof Patient patient) {
            patient.getIdentifier().forEach(ContractNormalizer::normaliseIdentifier);
        }
    }

    private static void normaliseIdentifier(Identifier identifier) {
        if (ContractSystems.PERSONNUMMER_OID.equals(identifier.getSystem())) {
            identifier.setSystem(ContractSystems.PERSONNUMMER);
        }
        if (ContractSystems.PERSONNUMMER.equals(identifier.getSystem())
                || ContractSystems.SAMORDNINGSNUMMER.equals(identifier.getSystem())) {
            identifier.setValue(PersonalIdentityNumber.normalise(identifier.getValue()));
        }
    }
}
