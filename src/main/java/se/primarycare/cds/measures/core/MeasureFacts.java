package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The rows the indicator core reads, as the data-access port returns them (plain values, no FHIR, no SQL). */
public final class MeasureFacts {

    private MeasureFacts() {}

    /** A patient listed at a unit on the evaluation date, with the PAL (regular doctor; null when none named). */
    public record ListedPatient(String id, LocalDate birthDate, String gender, String unit, String pal) {}

    /** How many listed patients (ignoring the birth-date bound) share a birth date and a gender. */
    public record BirthCount(LocalDate birthDate, String gender, long count) {}

    /** How many listed patients share an age stratum ({@link AgeStratum}; null when unknown) and a gender. */
    public record ListedCount(String ageStratum, String gender, long count) {}

    /** An ICD-10-SE diagnosis (one row per coding). */
    public record DiagnosisRow(String patientId, String conditionId, String code, LocalDate recorded) {}

    /** A MedicationRequest as the indicators see it. */
    public record PrescriptionRow(
            String patientId,
            String id,
            String status,
            String intent,
            LocalDate authored,
            String atc,
            String product,
            BigDecimal quantity,
            int repeats,
            List<String> reasonCodes,
            List<String> reasonConditionIds) {

        /** quantity × (1 + repeats); null when the quantity is unknown. */
        public BigDecimal totalTablets() {
            return quantity == null ? null : quantity.multiply(BigDecimal.valueOf(1L + Math.max(0, repeats)));
        }

        /** Status active or completed and intent order (indicators.md, "General rules"). */
        public boolean isPrescription() {
            return ("active".equals(status) || "completed".equals(status)) && "order".equals(intent);
        }
    }

    /** A KVÅ procedure. */
    public record ProcedureRow(String patientId, String code, String status, LocalDate performed) {}

    /** A sick-leave certificate period with the Conditions it is for and its extent in percent (null if absent). */
    public record SickLeaveRow(
            String patientId, LocalDate start, LocalDate end, List<String> focusConditionIds, BigDecimal extent) {

        public SickLeaveRow(String patientId, LocalDate start, LocalDate end, List<String> focusConditionIds) {
            this(patientId, start, end, focusConditionIds, null);
        }
    }

    /** Who a patient is, for the lines of a worklist: personnummer (or samordningsnummer) and name when known. */
    public record PatientIdentity(String id, String personnummer, String name) {}

    /** A CarePlan of a category of the contract ({@code rehab-plan}, {@code medication-plan}). */
    public record CarePlanRow(String patientId, String status, LocalDate created, String category) {

        /** Only active or completed plans count anywhere (indicators.md v2): a draft is a proposal. */
        public boolean counts() {
            return "active".equals(status) || "completed".equals(status);
        }

        public boolean rehab() {
            return "rehab-plan".equals(category);
        }

        public boolean medicationPlan() {
            return "medication-plan".equals(category);
        }
    }

    /** A ServiceRequest with a KVÅ code (e.g. a referral to KBT or FaR, a medication review ordered). */
    public record ServiceRequestRow(String patientId, String code, String status, LocalDate authored) {}

    /** A Practitioner (a PAL) with its HSA-id and name. */
    public record PractitionerRow(String id, String hsaId, String name) {}
}
