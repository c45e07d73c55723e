package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The code knowledge the indicators need, handed to the pure core as functions (built from the loaded ValueSets,
 * the product catalogue and the CDS engine's conditional members), so the core never names a code itself.
 *
 * @param anxiety ICD-10-SE code is in the anxiety ValueSet (F40–F48)
 * @param psychiatric ICD-10-SE code is in the F chapter
 * @param benzodiazepine ATC code is below N05BA
 * @param clonazepam ATC code is clonazepam (a benzodiazepine only when prescribed for anxiety, and never for a
 *     patient with epilepsy)
 * @param zDrug ATC code is below N05CF
 * @param product strength and DDD (both mg) of a product code of the catalogue
 * @param hints code prefixes that narrow the database queries (membership is still decided by the predicates)
 * @param kbt KVÅ code is psychological treatment counted by Ån09 (DU011)
 * @param activityOrFar KVÅ code is physical-activity advice or FaR, counted by SL14 (DV131–DV133, DV200)
 * @param epilepsy ICD-10-SE code is an epilepsy diagnosis (G40): clonazepam is then an antiepileptic
 * @param medicationReview KVÅ code is a medication review (XV015, XV016), a part of Ån07-åtgärder
 * @param teamIntervention KVÅ code is a team intervention of Ån07-åtgärder (psychological treatment, FaR DV200)
 */
public record IndicatorVocabulary(
        Predicate<String> anxiety,
        Predicate<String> psychiatric,
        Predicate<String> benzodiazepine,
        Predicate<String> clonazepam,
        Predicate<String> zDrug,
        Function<String, Optional<ProductDose>> product,
        QueryHints hints,
        Predicate<String> kbt,
        Predicate<String> activityOrFar,
        Predicate<String> epilepsy,
        Predicate<String> medicationReview,
        Predicate<String> teamIntervention) {

    /** The version 1 vocabulary: no epilepsy diagnosis, medication review or team intervention is known. */
    public IndicatorVocabulary(
            Predicate<String> anxiety,
            Predicate<String> psychiatric,
            Predicate<String> benzodiazepine,
            Predicate<String> clonazepam,
            Predicate<String> zDrug,
            Function<String, Optional<ProductDose>> product,
            QueryHints hints,
            Predicate<String> kbt,
            Predicate<String> activityOrFar) {
        this(
                anxiety,
                psychiatric,
                benzodiazepine,
                clonazepam,
                zDrug,
                product,
                hints,
                kbt,
                activityOrFar,
                code -> false,
                code -> false,
                code -> false);
    }

    /** DDD = quantity × (1 + repeats) × strength / DDD (mg); empty without a known product or quantity. */
    public Optional<BigDecimal> ddd(MeasureFacts.PrescriptionRow r) {
        BigDecimal tablets = r.totalTablets();
        if (tablets == null || r.product() == null) {
            return Optional.empty();
        }
        return product.apply(r.product())
                .map(p -> tablets.multiply(p.strengthMg()).divide(p.dddMg(), 6, java.math.RoundingMode.HALF_UP));
    }

    /**
     * Code prefixes covering each group, so the database returns only rows that can match.
     *
     * @param benzodiazepineAtc ATC prefixes covering benzodiazepines and clonazepam
     * @param zDrugAtc ATC prefixes covering z-drugs
     * @param anxietyIcd ICD-10-SE prefixes covering the anxiety diagnoses
     * @param psychiatricIcd ICD-10-SE prefixes covering the F chapter
     * @param epilepsyIcd ICD-10-SE prefixes covering the epilepsy diagnoses
     */
    public record QueryHints(
            List<String> benzodiazepineAtc,
            List<String> zDrugAtc,
            List<String> anxietyIcd,
            List<String> psychiatricIcd,
            List<String> epilepsyIcd) {

        public QueryHints(
                List<String> benzodiazepineAtc,
                List<String> zDrugAtc,
                List<String> anxietyIcd,
                List<String> psychiatricIcd) {
            this(benzodiazepineAtc, zDrugAtc, anxietyIcd, psychiatricIcd, List.of());
        }
    }

    /** mg per unit and the WHO DDD in mg. */
    public record ProductDose(BigDecimal strengthMg, BigDecimal dddMg) {}
}
