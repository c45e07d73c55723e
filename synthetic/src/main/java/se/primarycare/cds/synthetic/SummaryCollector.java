package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import se.primarycare.cds.synthetic.PopulationSummary.UnitCount;

/**
 * Builds the {@link PopulationSummary} by reading the bundles as they are emitted. It reads only what is in
 * the resources (codes, dates, references), so a generator bug that writes something other than intended
 * shows up as a figure that does not match.
 */
final class SummaryCollector {

    private final GeneratorSettings settings;
    private final Map<String, Integer> resourceCounts = new TreeMap<>();
    /** Units in creation order; values are {patients, listed, PALs, listed without PAL}. */
    private final Map<String, int[]> unitCounts = new LinkedHashMap<>();

    private final Map<String, Organization> organizations = new LinkedHashMap<>();
    private int bundles;

    private int patients, inactive, samordning, under40, anxiety, depression, insomnia, kbt, anxietyKbt180;
    private int requests, withoutProduct, stoppedOrCancelled, statements, benzo, anxietyBenzo, zDrug, opioid;
    private int opioidAndSedative, pregabalin, ssri, benzoWithin25, benzoAbove25;
    private int periods, sickPatients, episodes, joinedGaps, shortGaps, separatingGaps, psych14, psych28;
    private int psych28WithPlan, rehabPlans;
    private int regularDoctors, withPal, withoutPal, reviews, withReview, medicationPlans, countingPlans, draftPlans;
    private int withPlan, serviceRequests, activeRequests, completedRequests, withTeam, farFollowUps;
    private int anxietyBenzoReview, anxietyBenzoPlan, anxietyBenzoTeam, anxietyBenzoAll;

    SummaryCollector(GeneratorSettings settings) {
        this.settings = settings;
    }

    /** The units first, then their PALs and PractitionerRoles (which name the unit). */
    void addOrganizations(Bundle bundle) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            count(resource);
            if (resource instanceof Organization organization) {
                organizations.put(organization.getIdElement().getIdPart(), organization);
                unitCounts.put("Organization/" + organization.getIdElement().getIdPart(), new int[4]);
            } else if (resource instanceof Practitioner) {
                regularDoctors++;
            } else if (resource instanceof PractitionerRole role) {
                unitCounts.get(role.getOrganization().getReference())[2]++;
            } else {
                throw new IllegalStateException("Unexpected " + resource.fhirType() + " in the organization bundle");
            }
        }
    }

    void addPatientBundle(Bundle bundle) {
        bundles++;
        // Group the bundle's resources per patient; a LinkedHashMap keeps patient order (not that sums care).
        Map<String, PatientResources> byPatient = new LinkedHashMap<>();
        Map<String, String> conditionCodes = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            count(resource);
            if (resource instanceof Patient) {
                byPatient.put(entry.getFullUrl(), new PatientResources((Patient) resource));
            } else {
                String subject = subjectOf(resource);
                PatientResources owner = byPatient.get(subject);
                if (owner == null) {
                    throw new IllegalStateException("Resource in bundle before its patient: " + entry.getFullUrl());
                }
                owner.resources.add(resource);
                if (resource instanceof Condition condition) {
                    conditionCodes.put(entry.getFullUrl(), icdCode(condition));
                }
            }
        }
        for (PatientResources patient : byPatient.values()) {
            summarise(patient, conditionCodes);
        }
    }

    PopulationSummary build() {
        List<UnitCount> units = new ArrayList<>();
        unitCounts.forEach((reference, counts) -> {
            Organization organization = organizations.get(reference.substring("Organization/".length()));
            units.add(new UnitCount(
                    organization.getIdElement().getIdPart(),
                    organization.getIdentifierFirstRep().getValue(),
                    organization.getName(),
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3]));
        });
        return new PopulationSummary(
                settings,
                bundles,
                resourceCounts,
                units,
                new PopulationSummary.PatientFigures(
                        patients, inactive, samordning, under40, anxiety, depression, insomnia, kbt, anxietyKbt180),
                new PopulationSummary.PrescriptionFigures(
                        requests,
                        withoutProduct,
                        stoppedOrCancelled,
                        statements,
                        benzo,
                        anxietyBenzo,
                        zDrug,
                        opioid,
                        opioidAndSedative,
                        pregabalin,
                        ssri,
                        benzoWithin25,
                        benzoAbove25),
                new PopulationSummary.SickLeaveFigures(
                        periods,
                        sickPatients,
                        episodes,
                        joinedGaps,
                        shortGaps,
                        separatingGaps,
                        psych14,
                        psych28,
                        psych28WithPlan,
                        rehabPlans),
                new PopulationSummary.FollowUpFigures(
                        regularDoctors,
                        withPal,
                        withoutPal,
                        reviews,
                        withReview,
                        medicationPlans,
                        countingPlans,
                        draftPlans,
                        withPlan,
                        serviceRequests,
                        activeRequests,
                        completedRequests,
                        withTeam,
                        farFollowUps,
                        anxietyBenzoReview,
                        anxietyBenzoPlan,
                        anxietyBenzoTeam,
                        anxietyBenzoAll));
    }

    private void count(Resource resource) {
        resourceCounts.merge(resource.fhirType(), 1, Integer::sum);
    }

    private void summarise(PatientResources p, Map<String, String> conditionCodes) {
        patients++;
        boolean active = !p.patient.hasActive() || p.patient.getActive();
        if (!active) {
            inactive++;
        }
        if (CodeSystems.SAMORDNINGSNUMMER.equals(
                p.patient.getIdentifierFirstRep().getSystem())) {
            samordning++;
        }
        LocalDate birth = LocalDate.parse(p.patient.getBirthDateElement().getValueAsString());
        if (java.time.Period.between(birth, settings.referenceDate()).getYears() < 40) {
            under40++;
        }
        int[] unit = unitCounts.get(p.patient.getManagingOrganization().getReference());
        unit[0]++;
        boolean hasPal = p.patient.getGeneralPractitioner().stream()
                .anyMatch(r -> r.getReference() != null && r.getReference().startsWith("Practitioner/"));
        if (active) {
            unit[1]++;
            unit[3] += hasPal ? 0 : 1;
        }
        withPal += hasPal ? 1 : 0;
        withoutPal += hasPal ? 0 : 1;
        boolean hasReview = false, hasPlan = false, hasTeam = false;

        LocalDate firstAnxiety = null;
        boolean hasDepression = false, hasInsomnia = false, hasBenzo = false, hasZ = false, hasN05cd = false;
        boolean hasOpioid = false, hasPregabalin = false, hasSsri = false;
        List<LocalDate> kbtDates = new ArrayList<>();
        List<SickLeavePeriod> sickLeavePeriods = new ArrayList<>();
        List<LocalDate> planDates = new ArrayList<>();
        for (Resource resource : p.resources) {
            if (resource instanceof Condition condition) {
                String code = icdCode(condition);
                LocalDate recorded = date(condition.getRecordedDateElement());
                if (DiagnosisCodes.isAnxiety(code) && (firstAnxiety == null || recorded.isBefore(firstAnxiety))) {
                    firstAnxiety = recorded;
                }
                hasDepression |= DiagnosisCodes.isDepression(code);
                hasInsomnia |= DiagnosisCodes.isInsomnia(code);
            } else if (resource instanceof MedicationRequest request) {
                requests++;
                CodeableConcept medication = request.getMedicationCodeableConcept();
                String atc = codeIn(medication, CodeSystems.ATC);
                if (codeIn(medication, CodeSystems.PRODUCT) == null) {
                    withoutProduct++;
                }
                MedicationRequest.MedicationRequestStatus status = request.getStatus();
                if (status == MedicationRequest.MedicationRequestStatus.STOPPED
                        || status == MedicationRequest.MedicationRequestStatus.CANCELLED) {
                    stoppedOrCancelled++;
                }
                if (AtcCodes.isBelow(atc, AtcCodes.BENZODIAZEPINES)) {
                    hasBenzo = true;
                    int units = request.getDispenseRequest()
                                    .getQuantity()
                                    .getValue()
                                    .intValue()
                            * (1 + request.getDispenseRequest().getNumberOfRepeatsAllowed());
                    if (units <= PrescriptionGenerator.BENZODIAZEPINE_STARTER_LIMIT) {
                        benzoWithin25++;
                    } else {
                        benzoAbove25++;
                    }
                }
                hasZ |= AtcCodes.isBelow(atc, AtcCodes.Z_DRUGS);
                hasN05cd |= AtcCodes.isBelow(atc, AtcCodes.BENZODIAZEPINE_HYPNOTICS);
                hasOpioid |= AtcCodes.isBelow(atc, AtcCodes.OPIOIDS);
                hasPregabalin |= AtcCodes.isBelow(atc, AtcCodes.PREGABALIN);
                hasSsri |= AtcCodes.isBelow(atc, AtcCodes.SSRI);
            } else if (resource instanceof Procedure procedure) {
                String kva = codeIn(procedure.getCode(), CodeSystems.KVA);
                if (KvaCodes.KBT.equals(kva)) {
                    kbtDates.add(date(procedure.getPerformedDateTimeType()));
                }
                if (KvaCodes.MEDICATION_REVIEW.equals(kva) || KvaCodes.MEDICATION_REVIEW_COMPREHENSIVE.equals(kva)) {
                    reviews++;
                    hasReview = true;
                }
                if (KvaCodes.FAR_FOLLOW_UP.equals(kva)) {
                    farFollowUps++;
                }
                hasTeam |= isTeamIntervention(kva);
            } else if (resource instanceof ServiceRequest request) {
                serviceRequests++;
                boolean signed = request.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE
                        || request.getStatus() == ServiceRequest.ServiceRequestStatus.COMPLETED;
                activeRequests += request.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE ? 1 : 0;
                completedRequests += request.getStatus() == ServiceRequest.ServiceRequestStatus.COMPLETED ? 1 : 0;
                hasTeam |= signed && isTeamIntervention(codeIn(request.getCode(), CodeSystems.KVA));
            } else if (resource instanceof Observation observation) {
                Period period = observation.getEffectivePeriod();
                String focus = observation.getFocusFirstRep().getReference();
                sickLeavePeriods.add(new SickLeavePeriod(
                        date(period.getStartElement()),
                        date(period.getEndElement()),
                        observation.getValueQuantity().getValue().intValue(),
                        conditionCodes.get(focus),
                        focus));
            } else if (resource instanceof CarePlan plan) {
                boolean counts = plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE
                        || plan.getStatus() == CarePlan.CarePlanStatus.COMPLETED;
                String category = codeIn(plan.getCategoryFirstRep(), CodeSystems.CAREPLAN_CATEGORY);
                if (CodeSystems.REHAB_PLAN_CODE.equals(category)) {
                    rehabPlans++;
                    if (counts) {
                        planDates.add(date(plan.getCreatedElement()));
                    }
                } else if (CodeSystems.MEDICATION_PLAN_CODE.equals(category)) {
                    medicationPlans++;
                    countingPlans += counts ? 1 : 0;
                    draftPlans += plan.getStatus() == CarePlan.CarePlanStatus.DRAFT ? 1 : 0;
                    hasPlan |= counts;
                }
            } else if (resource.fhirType().equals("MedicationStatement")) {
                statements++;
            }
        }
        withReview += hasReview ? 1 : 0;
        withPlan += hasPlan ? 1 : 0;
        withTeam += hasTeam ? 1 : 0;
        if (firstAnxiety != null) {
            anxiety++;
            if (hasBenzo) {
                anxietyBenzo++;
                anxietyBenzoReview += hasReview ? 1 : 0;
                anxietyBenzoPlan += hasPlan ? 1 : 0;
                anxietyBenzoTeam += hasTeam ? 1 : 0;
                anxietyBenzoAll += hasReview && hasPlan && hasTeam ? 1 : 0;
            }
            LocalDate index = firstAnxiety;
            if (kbtDates.stream().anyMatch(d -> !d.isBefore(index) && !d.isAfter(index.plusDays(180)))) {
                anxietyKbt180++;
            }
        }
        depression += hasDepression ? 1 : 0;
        insomnia += hasInsomnia ? 1 : 0;
        kbt += kbtDates.isEmpty() ? 0 : 1;
        benzo += hasBenzo ? 1 : 0;
        zDrug += hasZ ? 1 : 0;
        opioid += hasOpioid ? 1 : 0;
        opioidAndSedative += hasOpioid && (hasBenzo || hasZ || hasN05cd) ? 1 : 0;
        pregabalin += hasPregabalin ? 1 : 0;
        ssri += hasSsri ? 1 : 0;
        summariseSickLeave(sickLeavePeriods, planDates);
    }

    private void summariseSickLeave(List<SickLeavePeriod> sickLeavePeriods, List<LocalDate> planDates) {
        if (sickLeavePeriods.isEmpty()) {
            return;
        }
        sickPatients++;
        periods += sickLeavePeriods.size();
        List<SickLeavePeriod> sorted = new ArrayList<>(sickLeavePeriods);
        sorted.sort(java.util.Comparator.comparing(SickLeavePeriod::start));
        for (int i = 1; i < sorted.size(); i++) {
            long gap = SickLeaveEpisode.gapDays(
                    sorted.get(i - 1).end(), sorted.get(i).start());
            if (gap > SickLeaveEpisode.CONTRACT_GAP_DAYS) {
                separatingGaps++;
            } else {
                joinedGaps++;
                if (gap >= 1) {
                    shortGaps++;
                }
            }
        }
        for (SickLeaveEpisode episode : SickLeavePeriod.episodes(sickLeavePeriods)) {
            episodes++;
            if (SickLeavePeriod.psychiatric(episode) && episode.lengthDays() > 14) {
                psych14++;
            }
            if (SickLeavePeriod.psychiatric(episode) && episode.lengthDays() > 28) {
                psych28++;
                boolean planInTime = planDates.stream()
                        .anyMatch(
                                d -> !d.isBefore(episode.start()) && ChronoUnit.DAYS.between(episode.start(), d) <= 60);
                if (planInTime) {
                    psych28WithPlan++;
                }
            }
        }
    }

    private static String subjectOf(Resource resource) {
        if (resource instanceof Condition r) {
            return r.getSubject().getReference();
        } else if (resource instanceof MedicationRequest r) {
            return r.getSubject().getReference();
        } else if (resource instanceof org.hl7.fhir.r4.model.MedicationStatement r) {
            return r.getSubject().getReference();
        } else if (resource instanceof Procedure r) {
            return r.getSubject().getReference();
        } else if (resource instanceof Observation r) {
            return r.getSubject().getReference();
        } else if (resource instanceof CarePlan r) {
            return r.getSubject().getReference();
        } else if (resource instanceof ServiceRequest r) {
            return r.getSubject().getReference();
        }
        throw new IllegalStateException("Unexpected resource type " + resource.fhirType());
    }

    /** Ån07's team intervention: psychological treatment (the wider set) or FaR (DV200). */
    private static boolean isTeamIntervention(String kva) {
        return kva != null
                && (List.of("DU008", "DU010", KvaCodes.KBT, "DU020", KvaCodes.IPT)
                                .contains(kva)
                        || KvaCodes.FAR.equals(kva));
    }

    private static String icdCode(Condition condition) {
        return codeIn(condition.getCode(), CodeSystems.ICD_10_SE);
    }

    static String codeIn(CodeableConcept concept, String system) {
        for (Coding coding : concept.getCoding()) {
            if (system.equals(coding.getSystem())) {
                return coding.getCode();
            }
        }
        return null;
    }

    private static LocalDate date(BaseDateTimeType value) {
        return LocalDate.parse(value.getValueAsString().substring(0, 10));
    }

    private static final class PatientResources {
        final Patient patient;
        final List<Resource> resources = new ArrayList<>();

        PatientResources(Patient patient) {
            this.patient = patient;
        }
    }
}
