package se.primarycare.cds.measures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import se.primarycare.cds.measures.core.AgeStratum;
import se.primarycare.cds.measures.core.MeasureDataPort;
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
 * The facts of one unit read once for a whole run chart, then served for each month from memory. A 36-month run
 * chart evaluates 48 months (each with its month a year before), and indicators such as Ån07 look 24 months back
 * from each: asked month by month, the database reads the same rows dozens of times (14 s at 100,000 patients on
 * H2). Here each kind of fact is read once for the unit, listed on the chart's last day, and each month keeps the
 * rows in its window whose patient was listed then (born by that day; the read model holds today's listing).
 * Answers equal the delegate's (the run-chart tests compare them); one instance serves one request.
 */
final class SpanMeasureData implements MeasureDataPort {

    private final MeasureDataPort delegate;
    private final String unit;
    private final LocalDate lastDay;
    private final Map<String, List<?>> loaded = new HashMap<>();
    private final Map<String, ListedPatient> listed = new HashMap<>();
    private final Set<String> notListed = new HashSet<>();
    private List<BirthCount> births;

    SpanMeasureData(MeasureDataPort delegate, String unit, LocalDate lastDay) {
        this.delegate = delegate;
        this.unit = unit;
        this.lastDay = lastDay;
    }

    /** From one count per birth date and gender: listed on the day when born by then, in the day's age stratum. */
    @Override
    public List<ListedCount> listedCounts(String unit, LocalDate listedOn) {
        if (!served(unit, listedOn)) {
            return delegate.listedCounts(unit, listedOn);
        }
        if (births == null) {
            births = delegate.listedByBirthDate(unit);
        }
        Map<List<String>, Long> counts = new HashMap<>();
        for (BirthCount birth : births) {
            if (birth.birthDate() == null || !birth.birthDate().isAfter(listedOn)) {
                counts.merge(
                        java.util.Arrays.asList(AgeStratum.of(birth.birthDate(), listedOn), birth.gender()),
                        birth.count(),
                        Long::sum);
            }
        }
        List<ListedCount> listed = new ArrayList<>();
        counts.forEach((key, count) -> listed.add(new ListedCount(key.get(0), key.get(1), count)));
        return listed;
    }

    @Override
    public List<BirthCount> listedByBirthDate(String unit) {
        return delegate.listedByBirthDate(unit);
    }

    /** Looked up once for the last day; a patient was listed on an earlier day when born by then. */
    @Override
    public List<ListedPatient> listedAmong(String unit, LocalDate listedOn, Collection<String> patientIds) {
        if (!served(unit, listedOn)) {
            return delegate.listedAmong(unit, listedOn, patientIds);
        }
        List<String> unknown = patientIds.stream()
                .filter(id -> !listed.containsKey(id) && !notListed.contains(id))
                .toList();
        if (!unknown.isEmpty()) {
            delegate.listedAmong(unit, lastDay, unknown).forEach(p -> listed.put(p.id(), p));
            unknown.stream().filter(id -> !listed.containsKey(id)).forEach(notListed::add);
        }
        return patientIds.stream()
                .map(listed::get)
                .filter(Objects::nonNull)
                .filter(p -> bornBy(p, listedOn))
                .toList();
    }

    @Override
    public List<String> listedIds(String unit, LocalDate listedOn) {
        return delegate.listedIds(unit, listedOn);
    }

    @Override
    public List<DiagnosisRow> diagnoses(
            String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> codePrefixes) {
        if (!served(unit, listedOn)) {
            return delegate.diagnoses(unit, listedOn, from, to, codePrefixes);
        }
        return window(
                "diagnoses" + codePrefixes,
                () -> delegate.diagnoses(unit, lastDay, null, null, codePrefixes),
                DiagnosisRow::patientId,
                DiagnosisRow::recorded,
                listedOn,
                from,
                to);
    }

    @Override
    public List<PrescriptionRow> prescriptions(
            String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> atcPrefixes) {
        if (!served(unit, listedOn)) {
            return delegate.prescriptions(unit, listedOn, from, to, atcPrefixes);
        }
        return window(
                "prescriptions" + atcPrefixes,
                () -> delegate.prescriptions(unit, lastDay, null, null, atcPrefixes),
                PrescriptionRow::patientId,
                PrescriptionRow::authored,
                listedOn,
                from,
                to);
    }

    @Override
    public List<ProcedureRow> procedures(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        if (!served(unit, listedOn)) {
            return delegate.procedures(unit, listedOn, from, to);
        }
        return window(
                "procedures",
                () -> delegate.procedures(unit, lastDay, null, null),
                ProcedureRow::patientId,
                ProcedureRow::performed,
                listedOn,
                from,
                to);
    }

    @Override
    public List<SickLeaveRow> sickLeave(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        if (!served(unit, listedOn)) {
            return delegate.sickLeave(unit, listedOn, from, to);
        }
        List<SickLeaveRow> all =
                load("sickLeave", () -> delegate.sickLeave(unit, lastDay, null, null), SickLeaveRow::patientId);
        List<SickLeaveRow> rows = new ArrayList<>();
        for (SickLeaveRow row : all) {
            // periods ending on or after from and starting on or before to (the port's contract)
            if ((from == null || !row.end().isBefore(from))
                    && (to == null || !row.start().isAfter(to))
                    && listedOn(row.patientId(), listedOn)) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public List<CarePlanRow> carePlans(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        if (!served(unit, listedOn)) {
            return delegate.carePlans(unit, listedOn, from, to);
        }
        return window(
                "carePlans",
                () -> delegate.carePlans(unit, lastDay, null, null),
                CarePlanRow::patientId,
                CarePlanRow::created,
                listedOn,
                from,
                to);
    }

    @Override
    public List<ServiceRequestRow> serviceRequests(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        if (!served(unit, listedOn)) {
            return delegate.serviceRequests(unit, listedOn, from, to);
        }
        return window(
                "serviceRequests",
                () -> delegate.serviceRequests(unit, lastDay, null, null),
                ServiceRequestRow::patientId,
                ServiceRequestRow::authored,
                listedOn,
                from,
                to);
    }

    @Override
    public List<String> unitsOfRegularDoctor(String practitionerId) {
        return delegate.unitsOfRegularDoctor(practitionerId);
    }

    @Override
    public List<PatientIdentity> identities(Collection<String> patientIds) {
        return delegate.identities(patientIds);
    }

    @Override
    public List<PractitionerRow> regularDoctors(String unit, LocalDate listedOn) {
        return delegate.regularDoctors(unit, listedOn);
    }

    /** This request's unit, on or before its last day: the rows read once cover it. */
    private boolean served(String unit, LocalDate listedOn) {
        return Objects.equals(unit, this.unit) && !listedOn.isAfter(lastDay);
    }

    /** The rows of one kind dated in [from, to] (a bound that is null is open; an undated row needs no bound). */
    private <T> List<T> window(
            String key,
            Supplier<List<T>> load,
            Function<T, String> patient,
            Function<T, LocalDate> date,
            LocalDate listedOn,
            LocalDate from,
            LocalDate to) {
        List<T> all = load(key, load, patient);
        List<T> rows = new ArrayList<>();
        for (T row : all) {
            LocalDate day = date.apply(row);
            boolean inWindow = (from == null || (day != null && !day.isBefore(from)))
                    && (to == null || (day != null && !day.isAfter(to)));
            if (inWindow && listedOn(patient.apply(row), listedOn)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** One read of a kind of fact, and one look-up of the listing of all its patients. */
    private <T> List<T> load(String key, Supplier<List<T>> read, Function<T, String> patient) {
        @SuppressWarnings("unchecked")
        List<T> rows = (List<T>) loaded.get(key);
        if (rows == null) {
            rows = read.get();
            loaded.put(key, rows);
            Set<String> patients = new HashSet<>();
            rows.forEach(r -> patients.add(patient.apply(r)));
            listedAmong(unit, lastDay, patients);
        }
        return rows;
    }

    /** Listed on the day: listed on the last day (the rows were read so) and born by the day. */
    private boolean listedOn(String patientId, LocalDate day) {
        ListedPatient patient = listed.get(patientId);
        return patient != null && bornBy(patient, day);
    }

    private static boolean bornBy(ListedPatient patient, LocalDate day) {
        return patient.birthDate() == null || !patient.birthDate().isAfter(day);
    }
}
