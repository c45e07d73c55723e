package se.primarycare.cds.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * Everything the rules may look at for one CDS call, already taken out of FHIR: the rules never see HTTP,
 * JSON or the database, so they can be tested with plain objects.
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
        List<SickLeavePeriod> sickLeave,
        List<CarePlanMade> carePlans,
        List<DraftOrder> drafts) {

    public PatientFacts {
        diagnoses = List.copyOf(diagnoses);
        medications = List.copyOf(medications);
        procedures = List.copyOf(procedures);
        sickLeave = List.copyOf(sickLeave);
        carePlans = List.copyOf(carePlans);
        drafts = List.copyOf(drafts);
    }

    /** Age in whole years today; null when the birth date is unknown. */
    public Integer age() {
        return birthDate == null ? null : Period.between(birthDate, today).getYears();
    }
}
