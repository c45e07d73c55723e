package se.primarycare.cds.rules;

import java.util.List;
import java.util.Optional;
import se.primarycare.cds.terminology.CodeHierarchy;
import se.primarycare.cds.terminology.Concept;
import se.primarycare.cds.terminology.ProductCatalogue;
import se.primarycare.cds.terminology.TerminologyIndex;

/** Names of drugs and diagnoses for card texts, in the card's language, from the loaded terminology. */
public final class MedicationNames {

    private final TerminologyIndex terminology;

    public MedicationNames(TerminologyIndex terminology) {
        this.terminology = terminology;
    }

    /** "Oxazepam 10 mg tablett" when the product is known, else the substance ("oxazepam"), else the code. */
    public String name(List<Coded> medication, Language language) {
        return display(medication, ProductCatalogue.SYSTEM, language)
                .or(() -> display(medication, CodeHierarchy.ATC, language))
                .orElseGet(() -> medication.stream()
                        .map(c -> c.display() != null ? c.display() : c.code())
                        .findFirst()
                        .orElse("?"));
    }

    /** "F41.1 Generaliserat ångestsyndrom" (code and title). */
    public String diagnosis(List<Coded> codes, Language language) {
        return codes.stream()
                .filter(c -> CodeHierarchy.ICD_10_SE.equals(c.system()))
                .findFirst()
                .map(c -> c.code() + " "
                        + terminology
                                .concept(c.system(), c.code())
                                .map(concept -> concept.display(lang(language)))
                                .orElse(c.display() == null ? "" : c.display()))
                .map(String::trim)
                .orElseGet(() -> codes.isEmpty() ? "?" : codes.get(0).code());
    }

    private Optional<String> display(List<Coded> medication, String system, Language language) {
        return medication.stream()
                .filter(c -> system.equals(c.system()))
                .map(c -> terminology.concept(system, c.code()))
                .flatMap(Optional::stream)
                .map((Concept concept) -> concept.display(lang(language)))
                .findFirst();
    }

    private static String lang(Language language) {
        return language == Language.EN ? "en" : "sv";
    }
}
