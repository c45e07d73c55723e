package se.primarycare.cds.measures.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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

/** A deliberately naive port over lists, for testing the indicator core without a database. */
public final class InMemoryMeasureData implements MeasureDataPort {

    public final List<ListedPatient> patients = new ArrayList<>();
    public final List<String> inactive = new ArrayList<>();
    public final List<DiagnosisRow> diagnoses = new ArrayList<>();
    public final List<PrescriptionRow> prescriptions = new ArrayList<>();
    public final List<ProcedureRow> procedures = new ArrayList<>();
    public final List<SickLeaveRow> sickLeave = new ArrayList<>();
    public final List<CarePlanRow> carePlans = new ArrayList<>();
    public final List<ServiceRequestRow> serviceRequests = new ArrayList<>();
    public final List<PractitionerRow> practitioners = new ArrayList<>();
    public final List<PatientIdentity> identities = new ArrayList<>();

    @Override
    public List<ListedCount> listedCounts(String unit, LocalDate listedOn) {
        Map<List<String>, Long> grouped = listed(unit, listedOn).stream()
                .collect(Collectors.groupingBy(
                        p -> Arrays.asList(AgeStratum.of(p.birthDate(), listedOn), p.gender()), Collectors.counting()));
        return grouped.entrySet().stream()
                .map(e -> new ListedCount(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .toList();
    }

    @Override
    public List<BirthCount> listedByBirthDate(String unit) {
        return patients.stream()
                .filter(p -> !inactive.contains(p.id()) && (unit == null || unit.equals(p.unit())))
                .collect(Collectors.groupingBy(p -> Arrays.asList(p.birthDate(), p.gender()), Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> new BirthCount(
                        (LocalDate) e.getKey().get(0), (String) e.getKey().get(1), e.getValue()))
                .toList();
    }

    @Override
    public List<ListedPatient> listedAmong(String unit, LocalDate listedOn, Collection<String> patientIds) {
        return listed(unit, listedOn).stream()
                .filter(p -> patientIds.contains(p.id()))
                .toList();
    }

    @Override
    public List<String> listedIds(String unit, LocalDate listedOn) {
        return listed(unit, listedOn).stream().map(ListedPatient::id).toList();
    }

    private List<ListedPatient> listed(String unit, LocalDate listedOn) {
        return patients.stream()
                .filter(p -> !inactive.contains(p.id()))
                .filter(p -> unit == null || unit.equals(p.unit()))
                .filter(p -> p.birthDate() == null || !p.birthDate().isAfter(listedOn))
                .toList();
    }

    private Set<String> listedSet(String unit, LocalDate on) {
        return listed(unit, on).stream().map(ListedPatient::id).collect(Collectors.toSet());
    }

    private <T> List<T> of(
            List<T> rows,
            Function<T, String> patient,
            Function<T, LocalDate> date,
            String unit,
            LocalDate on,
            LocalDate from,
            LocalDate to) {
        Set<String> listed = listedSet(unit, on);
        Predicate<T> inWindow = r -> {
            LocalDate d = date.apply(r);
            return (from == null || (d != null && !d.isBefore(from))) && (to == null || (d != null && !d.isAfter(to)));
        };
        return rows.stream()
                .filter(r -> listed.contains(patient.apply(r)))
                .filter(inWindow)
                .toList();
    }

    @Override
    public List<DiagnosisRow> diagnoses(
            String unit, LocalDate on, LocalDate from, LocalDate to, List<String> codePrefixes) {
        // deliberately ignores the narrowing hint, like prescriptions below
        return of(diagnoses, DiagnosisRow::patientId, DiagnosisRow::recorded, unit, on, from, to);
    }

    @Override
    public List<PrescriptionRow> prescriptions(
            String unit, LocalDate on, LocalDate from, LocalDate to, List<String> atcPrefixes) {
        // deliberately ignores the narrowing hint: the core must not depend on it for correctness
        return of(prescriptions, PrescriptionRow::patientId, PrescriptionRow::authored, unit, on, from, to);
    }

    @Override
    public List<ProcedureRow> procedures(String unit, LocalDate on, LocalDate from, LocalDate to) {
        return of(procedures, ProcedureRow::patientId, ProcedureRow::performed, unit, on, from, to);
    }

    @Override
    public List<SickLeaveRow> sickLeave(String unit, LocalDate on, LocalDate from, LocalDate to) {
        Set<String> listed = listedSet(unit, on);
        return sickLeave.stream()
                .filter(r -> listed.contains(r.patientId()))
                .filter(r -> (from == null || !r.end().isBefore(from))
                        && (to == null || !r.start().isAfter(to)))
                .toList();
    }

    @Override
    public List<CarePlanRow> carePlans(String unit, LocalDate on, LocalDate from, LocalDate to) {
        return of(carePlans, CarePlanRow::patientId, CarePlanRow::created, unit, on, from, to);
    }

    @Override
    public List<ServiceRequestRow> serviceRequests(String unit, LocalDate on, LocalDate from, LocalDate to) {
        return of(serviceRequests, ServiceRequestRow::patientId, ServiceRequestRow::authored, unit, on, from, to);
    }

    @Override
    public List<String> unitsOfRegularDoctor(String practitionerId) {
        return patients.stream()
                .filter(p -> practitionerId.equals(p.pal()) && !inactive.contains(p.id()))
                .map(ListedPatient::unit)
                .distinct()
                .toList();
    }

    @Override
    public List<PatientIdentity> identities(java.util.Collection<String> patientIds) {
        return identities.stream().filter(i -> patientIds.contains(i.id())).toList();
    }

    @Override
    public List<PractitionerRow> regularDoctors(String unit, LocalDate on) {
        Set<String> named = listed(unit, on).stream()
                .map(ListedPatient::pal)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        return practitioners.stream().filter(d -> named.contains(d.id())).toList();
    }
}
