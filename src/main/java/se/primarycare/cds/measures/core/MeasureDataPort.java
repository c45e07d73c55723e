package se.primarycare.cds.measures.core;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import se.primarycare.cds.measures.core.MeasureFacts.BirthCount;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedCount;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PatientIdentity;
import se.primarycare.cds.measures.core.MeasureFacts.PractitionerRow;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.ServiceRequestRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * What the indicator core needs from storage. Every method is restricted to the patients listed at {@code unit}
 * (all units when null) on {@code listedOn}, and to facts dated in [from, to] (inclusive), so the database does
 * the narrowing and the core only sees the rows that can matter. The listed population itself is only ever
 * counted (grouped by stratum), never loaded, so memory follows the facts, not the size of the region.
 */
public interface MeasureDataPort {

    /** Listed patients counted per stratum: age on {@code listedOn} (see {@link AgeStratum}) and gender. */
    List<ListedCount> listedCounts(String unit, LocalDate listedOn);

    /**
     * Listed patients of the unit (listed today, whatever their birth date) counted per birth date and gender: from
     * it the listed counts of any earlier day follow without a query per day (a run chart has 48 days).
     */
    List<BirthCount> listedByBirthDate(String unit);

    /** The listed patients among {@code patientIds} (the ones that have facts), with their strata attributes. */
    List<ListedPatient> listedAmong(String unit, LocalDate listedOn, Collection<String> patientIds);

    /** Ids of every listed patient: only for the subject lists of population-based indicators. */
    List<String> listedIds(String unit, LocalDate listedOn);

    /**
     * Diagnoses whose code starts with one of {@code codePrefixes} (a narrowing hint for the database: the core
     * still decides membership itself).
     */
    List<DiagnosisRow> diagnoses(
            String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> codePrefixes);

    /**
     * Prescriptions whose ATC code starts with one of {@code atcPrefixes} (a narrowing hint for the database: the
     * core still decides membership itself).
     */
    List<PrescriptionRow> prescriptions(
            String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> atcPrefixes);

    List<ProcedureRow> procedures(String unit, LocalDate listedOn, LocalDate from, LocalDate to);

    /** Periods ending on or after {@code from} and starting on or before {@code to}. */
    List<SickLeaveRow> sickLeave(String unit, LocalDate listedOn, LocalDate from, LocalDate to);

    List<CarePlanRow> carePlans(String unit, LocalDate listedOn, LocalDate from, LocalDate to);

    List<ServiceRequestRow> serviceRequests(String unit, LocalDate listedOn, LocalDate from, LocalDate to);

    /** The units whose listed patients have this PAL (a PAL works at one unit; a worklist per PAL reads only it). */
    List<String> unitsOfRegularDoctor(String practitionerId);

    /** Personnummer and name of these patients (for worklists: who is on the line). */
    List<PatientIdentity> identities(Collection<String> patientIds);

    /** The practitioners named as PAL of any listed patient of the unit (all units when null). */
    List<PractitionerRow> regularDoctors(String unit, LocalDate listedOn);
}
