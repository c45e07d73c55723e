package se.primarycare.cds.synthetic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generated population contains, computed from the written bundles (not from the generator's
 * intentions), so the figures are exactly what a server will hold after loading. Integration tests can
 * compare measure results and search counts with these figures.
 *
 * @param resourceCounts resources per type, including Organization, sorted by type name
 */
public record PopulationSummary(
        GeneratorSettings settings,
        int patientBundles,
        Map<String, Integer> resourceCounts,
        List<UnitCount> units,
        PatientFigures patients,
        PrescriptionFigures prescriptions,
        SickLeaveFigures sickLeave,
        FollowUpFigures followUps) {

    public PopulationSummary {
        resourceCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(resourceCounts));
        units = List.copyOf(units);
    }

    /**
     * Patients per vårdcentral; {@code listed} leaves out active=false.
     *
     * @param regularDoctors the unit's PALs (Practitioners with a PractitionerRole at the unit)
     * @param listedWithoutRegularDoctor listed patients without generalPractitioner
     */
    public record UnitCount(
            String organizationId,
            String hsaId,
            String name,
            int patients,
            int listed,
            int regularDoctors,
            int listedWithoutRegularDoctor) {}

    /**
     * @param withAnxiety patients with any F40–F48 Condition
     * @param anxietyWithKbtWithin180Days of those, patients with a DU011 0–180 days after their first anxiety
     *     diagnosis (a simple cross-check of Ån09's numerator, without its period and listing rules)
     */
    public record PatientFigures(
            int total,
            int inactive,
            int withSamordningsnummer,
            int under40,
            int withAnxiety,
            int withDepression,
            int withInsomnia,
            int withKbt,
            int anxietyWithKbtWithin180Days) {}

    /**
     * @param withoutProductCode requests whose medication has the ATC coding only
     * @param benzodiazepineWithin25Tablets N05BA requests with quantity × (1 + repeats) ≤ 25
     * @param withOpioidAndSedative patients with both an opioid and a benzodiazepine/z-drug/N05CD request
     */
    public record PrescriptionFigures(
            int requests,
            int withoutProductCode,
            int stoppedOrCancelled,
            int medicationStatements,
            int patientsWithBenzodiazepine,
            int anxietyPatientsWithBenzodiazepine,
            int patientsWithZDrug,
            int patientsWithOpioid,
            int patientsWithOpioidAndSedative,
            int patientsWithPregabalin,
            int patientsWithSsri,
            int benzodiazepineWithin25Tablets,
            int benzodiazepineAbove25Tablets) {}

    /**
     * @param joinedGaps consecutive periods of one patient 0–5 uncovered days apart (same episode)
     * @param separatingGaps consecutive periods more than 5 days apart (a new episode)
     * @param shortGapsOneToFive joined gaps that are not seamless (1–5 days)
     */
    public record SickLeaveFigures(
            int periods,
            int patients,
            int episodes,
            int joinedGaps,
            int shortGapsOneToFive,
            int separatingGaps,
            int psychiatricEpisodesOver14Days,
            int psychiatricEpisodesOver28Days,
            int psychiatricEpisodesOver28DaysWithPlanWithin60Days,
            int rehabPlans) {}

    /**
     * PALs and the follow-ups the worklists show (indicators.md, version 2). The {@code anxietyBenzodiazepine…}
     * figures are a simple cross-check of Ån07-åtgärder: patients with an anxiety diagnosis and a benzodiazepine
     * request, whatever the dates, and which of the three actions they ever got.
     *
     * @param patientsWithRegularDoctor patients whose generalPractitioner names a Practitioner
     * @param medicationPlansCounting active or completed medication-plan CarePlans (drafts count nowhere)
     * @param patientsWithTeamIntervention patients with a psychological-treatment or FaR (DV200) Procedure, or such a
     *     ServiceRequest that is active or completed
     */
    public record FollowUpFigures(
            int regularDoctors,
            int patientsWithRegularDoctor,
            int patientsWithoutRegularDoctor,
            int medicationReviews,
            int patientsWithMedicationReview,
            int medicationPlans,
            int medicationPlansCounting,
            int medicationPlansDraft,
            int patientsWithMedicationPlan,
            int serviceRequests,
            int serviceRequestsActive,
            int serviceRequestsCompleted,
            int patientsWithTeamIntervention,
            int farFollowUps,
            int anxietyBenzodiazepineWithMedicationReview,
            int anxietyBenzodiazepineWithMedicationPlan,
            int anxietyBenzodiazepineWithTeamIntervention,
            int anxietyBenzodiazepineWithAllThree) {}

    public int totalResources() {
        return resourceCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(String resourceType) {
        return resourceCounts.getOrDefault(resourceType, 0);
    }

    /** Pretty JSON with a fixed key order (built node by node, never from hash-ordered maps). */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode s = root.putObject("settings");
        s.put("patients", settings.patients());
        s.put("seed", settings.seed());
        s.put("units", settings.units());
        s.put("referenceDate", settings.referenceDate().toString());
        s.put("historyStart", settings.historyStart().toString());
        s.put("patientsPerBundle", settings.patientsPerBundle());
        root.put("patientBundles", patientBundles);
        root.put("totalResources", totalResources());
        ObjectNode counts = root.putObject("resourceCounts");
        resourceCounts.forEach(counts::put);
        var unitArray = root.putArray("units");
        for (UnitCount unit : units) {
            unitArray
                    .addObject()
                    .put("organizationId", unit.organizationId())
                    .put("hsaId", unit.hsaId())
                    .put("name", unit.name())
                    .put("patients", unit.patients())
                    .put("listed", unit.listed())
                    .put("regularDoctors", unit.regularDoctors())
                    .put("listedWithoutRegularDoctor", unit.listedWithoutRegularDoctor());
        }
        root.set("patients", figures(mapper, patients));
        root.set("prescriptions", figures(mapper, prescriptions));
        root.set("sickLeave", figures(mapper, sickLeave));
        root.set("followUps", figures(mapper, followUps));
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write summary", e);
        }
    }

    /** Record components in declaration order (specified by the JDK, unlike reflection over fields). */
    private static ObjectNode figures(ObjectMapper mapper, Record figures) {
        ObjectNode node = mapper.createObjectNode();
        for (RecordComponent component : figures.getClass().getRecordComponents()) {
            try {
                node.put(component.getName(), (Integer) component.getAccessor().invoke(figures));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return node;
    }

    /** A few lines for the console after generation. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "Patients: %d in %d units, %d bundles, %d resources%n",
                patients.total(), units.size(), patientBundles, totalResources()));
        resourceCounts.forEach((type, n) -> text.append(String.format("  %-20s %7d%n", type, n)));
        for (UnitCount unit : units) {
            text.append(String.format(
                    "  %-32s %s  %6d patients (%d listed, %d of them without PAL), %d PALs%n",
                    unit.name(),
                    unit.hsaId(),
                    unit.patients(),
                    unit.listed(),
                    unit.listedWithoutRegularDoctor(),
                    unit.regularDoctors()));
        }
        text.append(String.format(
                "Anxiety: %d patients (%.1f %%), %d with a benzodiazepine, %d with KBT within 180 days%n",
                patients.withAnxiety(),
                100.0 * patients.withAnxiety() / patients.total(),
                prescriptions.anxietyPatientsWithBenzodiazepine(),
                patients.anxietyWithKbtWithin180Days()));
        text.append(String.format(
                "Prescriptions: %d (%d without product code); patients with benzodiazepine %d, z-drug %d, "
                        + "opioid %d (with sedative %d)%n",
                prescriptions.requests(),
                prescriptions.withoutProductCode(),
                prescriptions.patientsWithBenzodiazepine(),
                prescriptions.patientsWithZDrug(),
                prescriptions.patientsWithOpioid(),
                prescriptions.patientsWithOpioidAndSedative()));
        text.append(String.format(
                "Sick leave: %d periods, %d episodes, gaps joined %d / separating %d; "
                        + "psychiatric > 28 days %d (plan within 60 days %d)%n",
                sickLeave.periods(),
                sickLeave.episodes(),
                sickLeave.joinedGaps(),
                sickLeave.separatingGaps(),
                sickLeave.psychiatricEpisodesOver28Days(),
                sickLeave.psychiatricEpisodesOver28DaysWithPlanWithin60Days()));
        text.append(String.format(
                "Follow-ups: %d medication reviews, %d medication plans (%d draft), %d patients with a team "
                        + "intervention, "
                        + "%d ServiceRequests; anxiety + benzodiazepine: review %d, plan %d, team %d, all three %d%n",
                followUps.medicationReviews(),
                followUps.medicationPlans(),
                followUps.medicationPlansDraft(),
                followUps.patientsWithTeamIntervention(),
                followUps.serviceRequests(),
                followUps.anxietyBenzodiazepineWithMedicationReview(),
                followUps.anxietyBenzodiazepineWithMedicationPlan(),
                followUps.anxietyBenzodiazepineWithTeamIntervention(),
                followUps.anxietyBenzodiazepineWithAllThree()));
        return text.toString();
    }
}
