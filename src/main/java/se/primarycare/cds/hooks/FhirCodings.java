package se.primarycare.cds.hooks;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import se.primarycare.cds.fhir.contract.Icd10Se;
import se.primarycare.cds.rules.Coded;
import se.primarycare.cds.terminology.CodeHierarchy;

/**
 * FHIR codings as the rules see them, read one way wherever they arrive (draft orders, prefetch, fetched data):
 * ICD-10-SE codes without a dot are normalised ({@code F510} → {@code F51.0}), as the server does on storage.
 */
final class FhirCodings {

    private FhirCodings() {}

    static Coded coded(Coding coding) {
        String code = CodeHierarchy.ICD_10_SE.equals(coding.getSystem())
                ? Icd10Se.normalise(coding.getCode())
                : coding.getCode();
        return new Coded(coding.getSystem(), code, coding.getDisplay());
    }

    static List<Coded> coded(CodeableConcept concept) {
        return concept.getCoding().stream().map(FhirCodings::coded).toList();
    }

    static List<Coded> coded(List<CodeableConcept> concepts) {
        return concepts.stream().flatMap(c -> coded(c).stream()).toList();
    }
}
