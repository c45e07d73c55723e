package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import se.primarycare.cds.synthetic.PatientRecord.RecordedDiagnosis;

/**
 * The patient's PAL and what the improvement work adds after the prescriptions (indicators.md, version 2, the
 * worklists): medication reviews, medication/tapering plans, team interventions offered to Ån07 patients
 * (psychological treatment or FaR, done as a Procedure or ordered as a ServiceRequest), and FaR orders during
 * psychiatric sick leave. Each happens for part of the patients only, so every worklist column has both filled
 * and missing rows, and some medication plans are drafts (proposals, which count nowhere).
 *
 * <p>It reads the prescriptions and diagnoses already in the record and runs on its own stream, split off the
 * patient's stream after all other generators: adding it left the earlier part of every patient's history as it
 * was.
 */
final class FollowUpGenerator {

    /** Ån07 patients whose team worked through the whole list in the last year: review, plan and team. */
    static final double AN07_ALL_THREE = 0.30;
    /** Otherwise each action on its own, at any time since the benzodiazepine started. */
    static final double AN07_MEDICATION_REVIEW = 0.35;

    static final double AN07_MEDICATION_PLAN = 0.30;
    static final double AN07_TEAM_INTERVENTION = 0.35;
    static final double LONG_TERM_MEDICATION_REVIEW = 0.30;
    static final double LONG_TERM_MEDICATION_PLAN = 0.30;
    /** Plans proposed (e.g. by a CDS card) but never confirmed. */
    static final double DRAFT_PLAN_SHARE = 0.15;

    static final double SICK_LEAVE_FAR_ORDER = 0.12;
    /** Continuous use of a dependence-inducing drug counts from 90 days (cds-rules.md, long-term-use). */
    static final int LONG_TERM_DAYS = 90;

    private final RegularDoctors doctors;

    FollowUpGenerator(RegularDoctors doctors) {
        this.doctors = doctors;
    }

    void generate(PatientRecord record, RandomDraws draws) {
        RegularDoctor pal = doctors.choose(record.unit(), draws);
        if (pal != null) {
            FhirResourceFactory.setRegularDoctor(record.patient(), pal);
        }
        String palReference = pal == null ? null : pal.reference();
        List<Use> uses = dependenceInducingUse(record);
        Optional<RecordedDiagnosis> anxiety = record.firstDiagnosis(DiagnosisCodes::isAnxiety);
        Optional<Use> benzodiazepine = uses.stream().filter(Use::benzodiazepine).max(Comparator.comparing(Use::last));
        boolean reviewed = hasMedicationReview(record);
        boolean planned = false;

        if (anxiety.isPresent() && benzodiazepine.isPresent()) {
            // Seed 000: "alla på listan ska ha haft en läkemedelsgenomgång, dokumenterad läkemedelsplan, erbjudas
            // teaminsatser" - done for some, not (yet) for others.
            LocalDate since = latest(benzodiazepine.get().first(), anxiety.get().recorded(), record.historyStart());
            boolean allThree = draws.chance(AN07_ALL_THREE);
            LocalDate from = allThree ? latest(since, record.referenceDate().minusDays(330)) : since;
            if (allThree || !reviewed && draws.chance(AN07_MEDICATION_REVIEW)) {
                reviewed |= medicationReview(record, draws, from);
            }
            if (allThree || draws.chance(AN07_MEDICATION_PLAN)) {
                planned = medicationPlan(
                        record, draws, benzodiazepine.get(), from, anxiety.get().reference(), palReference);
            }
            if (allThree || draws.chance(AN07_TEAM_INTERVENTION)) {
                teamIntervention(record, draws, from, anxiety.get().reference(), palReference);
            }
        }
        Optional<Use> longTerm = uses.stream().filter(Use::longTerm).max(Comparator.comparing(Use::last));
        if (longTerm.isPresent()) {
            LocalDate from = latest(longTerm.get().first().plusDays(LONG_TERM_DAYS), record.historyStart());
            if (!reviewed && draws.chance(LONG_TERM_MEDICATION_REVIEW)) {
                medicationReview(record, draws, from);
            }
            if (!planned && draws.chance(LONG_TERM_MEDICATION_PLAN)) {
                medicationPlan(
                        record, draws, longTerm.get(), from, longTerm.get().reason(), palReference);
            }
        }
        farOrderDuringSickLeave(record, draws, palReference);
    }

    private static boolean medicationReview(PatientRecord record, RandomDraws draws, LocalDate from) {
        LocalDate date = draws.dateBetween(from, record.referenceDate());
        if (date == null) {
            return false;
        }
        String code = draws.chance(0.8) ? KvaCodes.MEDICATION_REVIEW : KvaCodes.MEDICATION_REVIEW_COMPREHENSIVE;
        record.add(FhirResourceFactory.procedure(record.patientReference(), code, date, null));
        return true;
    }

    /** A tapering plan for the drug: mostly active, completed when made long ago, sometimes only a draft. */
    private static boolean medicationPlan(
            PatientRecord record, RandomDraws draws, Use use, LocalDate from, String reason, String author) {
        LocalDate created = draws.dateBetween(from, record.referenceDate());
        if (created == null) {
            return false;
        }
        CarePlanStatus status;
        if (draws.chance(DRAFT_PLAN_SHARE)) {
            status = CarePlanStatus.DRAFT;
        } else if (ChronoUnit.DAYS.between(created, record.referenceDate()) > 180 && draws.chance(0.6)) {
            status = CarePlanStatus.COMPLETED;
        } else {
            status = CarePlanStatus.ACTIVE;
        }
        String substance = AtcCodes.displaySv(use.atc());
        String goal = AtcCodes.isBelow(use.atc(), AtcCodes.OPIOIDS)
                ? "Nedtrappning av " + substance + " med 10 % av dosen per vecka till utsättning; smärtlindring "
                        + "utan opioid, uppföljning varannan vecka"
                : "Nedtrappning av " + substance + " med 10–25 % av dosen varannan vecka till utsättning; "
                        + "uppföljning vid varje steg";
        record.add(FhirResourceFactory.medicationPlan(
                record.patientReference(), created, status, use.atc(), goal, reason, author));
        return true;
    }

    /**
     * Ån07's team intervention: psychological treatment or FaR, either done (Procedure) or ordered
     * (ServiceRequest, intent order, active or completed).
     */
    private static void teamIntervention(
            PatientRecord record, RandomDraws draws, LocalDate from, String reason, String requester) {
        LocalDate date = draws.dateBetween(from, record.referenceDate());
        if (date == null) {
            return;
        }
        double kind = draws.random().nextDouble();
        if (kind < 0.40) {
            String code = draws.chance(0.75) ? KvaCodes.KBT : draws.oneOf(KvaCodes.PSYCHODYNAMIC, KvaCodes.IPT);
            int sessions = draws.between(2, 6);
            for (int i = 0; i < sessions && !date.isAfter(record.referenceDate()); i++) {
                record.add(FhirResourceFactory.procedure(record.patientReference(), code, date, reason));
                date = date.plusDays(draws.between(7, 14));
            }
        } else if (kind < 0.75) {
            double which = draws.random().nextDouble();
            String code = which < 0.55
                    ? KvaCodes.KBT
                    : which < 0.85 ? KvaCodes.FAR : draws.oneOf(KvaCodes.PSYCHODYNAMIC, KvaCodes.IPT);
            boolean recent = ChronoUnit.DAYS.between(date, record.referenceDate()) <= 60;
            record.add(FhirResourceFactory.serviceRequest(
                    record.patientReference(), code, date, recent || draws.chance(0.3), reason, requester));
        } else {
            record.add(FhirResourceFactory.procedure(record.patientReference(), KvaCodes.FAR, date, reason));
            LocalDate followUp = date.plusDays(draws.between(28, 90));
            if (draws.chance(0.5) && !followUp.isAfter(record.referenceDate())) {
                record.add(FhirResourceFactory.procedure(
                        record.patientReference(), KvaCodes.FAR_FOLLOW_UP, followUp, reason));
            }
        }
    }

    /** FaR ordered (not yet done) during the latest psychiatric sick-leave certificate, for a few patients. */
    private static void farOrderDuringSickLeave(PatientRecord record, RandomDraws draws, String requester) {
        Set<String> psychiatricConditions = new HashSet<>();
        for (RecordedDiagnosis diagnosis : record.diagnoses()) {
            if (DiagnosisCodes.isPsychiatric(diagnosis.code())) {
                psychiatricConditions.add(diagnosis.reference());
            }
        }
        Observation latest = null;
        for (Resource resource : resources(record, Observation.class)) {
            Observation period = (Observation) resource;
            if (psychiatricConditions.contains(period.getFocusFirstRep().getReference())
                    && (latest == null
                            || day(period.getEffectivePeriod().getStartElement().getValueAsString())
                                    .isAfter(day(latest.getEffectivePeriod()
                                            .getStartElement()
                                            .getValueAsString())))) {
                latest = period;
            }
        }
        if (latest == null || !draws.chance(SICK_LEAVE_FAR_ORDER)) {
            return;
        }
        LocalDate start = day(latest.getEffectivePeriod().getStartElement().getValueAsString());
        LocalDate end = day(latest.getEffectivePeriod().getEndElement().getValueAsString());
        LocalDate date = draws.dateBetween(start, end.isBefore(record.referenceDate()) ? end : record.referenceDate());
        if (date != null) {
            boolean recent = ChronoUnit.DAYS.between(date, record.referenceDate()) <= 90;
            record.add(FhirResourceFactory.serviceRequest(
                    record.patientReference(),
                    KvaCodes.FAR,
                    date,
                    recent,
                    latest.getFocusFirstRep().getReference(),
                    requester));
        }
    }

    /**
     * Prescriptions (active or completed) of dependence-inducing drugs per substance: first and last date, and
     * whether they span {@value #LONG_TERM_DAYS} days or more (or the prescription generator marked long-term use).
     */
    private static List<Use> dependenceInducingUse(PatientRecord record) {
        Map<String, List<MedicationRequest>> byAtc = new LinkedHashMap<>();
        for (Resource resource : resources(record, MedicationRequest.class)) {
            MedicationRequest request = (MedicationRequest) resource;
            String atc =
                    request.getMedicationCodeableConcept().getCodingFirstRep().getCode();
            boolean prescribed = request.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE
                    || request.getStatus() == MedicationRequest.MedicationRequestStatus.COMPLETED;
            if (prescribed && isDependenceInducing(atc, request, record)) {
                byAtc.computeIfAbsent(atc, k -> new ArrayList<>()).add(request);
            }
        }
        List<Use> uses = new ArrayList<>();
        byAtc.forEach((atc, requests) -> {
            LocalDate first = null;
            LocalDate last = null;
            String reason = null;
            for (MedicationRequest request : requests) {
                LocalDate authored = day(request.getAuthoredOnElement().getValueAsString());
                first = first == null || authored.isBefore(first) ? authored : first;
                last = last == null || authored.isAfter(last) ? authored : last;
                if (reason == null && request.hasReasonReference()) {
                    reason = request.getReasonReferenceFirstRep().getReference();
                }
            }
            boolean sedative = AtcCodes.isBelow(atc, AtcCodes.BENZODIAZEPINES)
                    || AtcCodes.isBelow(atc, AtcCodes.Z_DRUGS)
                    || AtcCodes.isBelow(atc, AtcCodes.BENZODIAZEPINE_HYPNOTICS);
            boolean longTerm = ChronoUnit.DAYS.between(first, last) >= LONG_TERM_DAYS
                    || (sedative && record.longTermSedativeStart().isPresent());
            uses.add(new Use(atc, first, last, longTerm, reason));
        });
        return uses;
    }

    /** The dependence-inducing groups of data-contract.md; clonazepam only when prescribed for anxiety. */
    private static boolean isDependenceInducing(String atc, MedicationRequest request, PatientRecord record) {
        if (AtcCodes.CLONAZEPAM.equals(atc)) {
            return request.getReasonReference().stream().anyMatch(r -> record.diagnoses().stream()
                    .anyMatch(d -> d.reference().equals(r.getReference()) && DiagnosisCodes.isAnxiety(d.code())));
        }
        return AtcCodes.isBelow(atc, AtcCodes.BENZODIAZEPINES)
                || AtcCodes.isBelow(atc, AtcCodes.Z_DRUGS)
                || AtcCodes.isBelow(atc, AtcCodes.BENZODIAZEPINE_HYPNOTICS)
                || AtcCodes.isBelow(atc, AtcCodes.OPIOIDS)
                || AtcCodes.isBelow(atc, AtcCodes.GABAPENTINOIDS);
    }

    private static boolean hasMedicationReview(PatientRecord record) {
        return resources(record, Procedure.class).stream()
                .map(r -> (Procedure) r)
                .anyMatch(p -> {
                    String code = p.getCode().getCodingFirstRep().getCode();
                    return KvaCodes.MEDICATION_REVIEW.equals(code)
                            || KvaCodes.MEDICATION_REVIEW_COMPREHENSIVE.equals(code);
                });
    }

    private static List<Resource> resources(PatientRecord record, Class<? extends Resource> type) {
        return record.resources().stream()
                .map(PatientRecord.GeneratedResource::resource)
                .filter(type::isInstance)
                .toList();
    }

    private static LocalDate latest(LocalDate... dates) {
        LocalDate latest = dates[0];
        for (LocalDate date : dates) {
            latest = date.isAfter(latest) ? date : latest;
        }
        return latest;
    }

    private static LocalDate day(String value) {
        return LocalDate.parse(value.substring(0, 10));
    }

    /**
     * One substance's prescriptions.
     *
     * @param reason the Condition the prescriptions were for, when one was given
     */
    private record Use(String atc, LocalDate first, LocalDate last, boolean longTerm, String reason) {

        boolean benzodiazepine() {
            return AtcCodes.isBelow(atc, AtcCodes.BENZODIAZEPINES) || AtcCodes.CLONAZEPAM.equals(atc);
        }
    }
}
