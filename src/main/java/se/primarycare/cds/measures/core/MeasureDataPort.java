package se.primarycare.cds.measures.core;

import java.time.LocalDate;
import java.util.List;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * What the indicator core needs from storage. Every method is restricted to the patients listed at {@code unit}
 * (all units when null) on {@code listedOn}, and to facts dated in [from, to] (inclusive), so the database does
 * the narrowing and the core only sees the rows that can matter.
 */
public interface MeasureDataPort {

    List<ListedPatient> listed(String unit, LocalDate listedOn);

    List<DiagnosisRow> diagnoses(String unit, LocalDate listedOn, LocalDate from, LocalDate to);

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
}
