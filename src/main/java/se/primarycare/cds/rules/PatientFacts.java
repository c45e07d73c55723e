package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * Everything the rules may look at for one CDS call, already taken out of FHIR: the rules never see HTTP,
 * JSON or the database, so they can be tested with plain objects. Every list is the patient's whole record of
 * that kind as the service obtained it (prefetched or fetched); a call whose data could not be had never gets
 * here (it is answered 412), so an empty list is evidence of absence.
 *
 * @param today the date of the request (Europe/Stockholm)
 * @param listed the patient is listed at a unit (managingOrganization set, active not false)
 */
public record PatientFacts(
        String patientId,
        LocalDate today,
        LocalDate birthDate,
        boolean listed,
        List<Diagnosis> diagnoses,
        List<MedicationUse> medications,
        List<ProcedureDone> procedures,
        List<ServiceRequestMade> serviceRequests,
        List<SickLeavePeriod> sickLeave,
        List<CarePlanMade> carePlans,
        List<DraftOrder> drafts) {

    public PatientFacts {
        diagnoses = List.copyOf(diagnoses);
        medications = List.copyOf(medications);
        procedures = List.copyOf(procedures);
        serviceRequests = List.copyOf(serviceRequests);
        sickLeave = List.copyOf(sickLeave);
        carePlans = List.copyOf(carePlans);
        drafts = List.copyOf(drafts);
    }

    /** Age in whole years today; null when the birth date is unknown. */
    public Integer age() {
        return birthDate == null ? null : Period.between(birthDate, today).getYears();
    }

    /** The diagnosis a reference ({@code Condition/id}) points to, when it counts. */
    public Optional<Diagnosis> diagnosis(String reference) {
        return diagnoses.stream().filter(d -> d.reference().equals(reference)).findFirst();
    }
}
