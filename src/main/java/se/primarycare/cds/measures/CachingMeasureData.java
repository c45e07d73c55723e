package se.primarycare.cds.measures;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Keeps the last listed-population counts: every indicator of a dashboard or report for the same unit and date
 * needs them, and counting the listed patients is the one query that reads the whole population. The counts
 * are a handful of rows; entries are dropped as soon as the read model changes, at most {@value #ENTRIES} kept.
 */
public final class CachingMeasureData implements MeasureDataPort {

    private static final int ENTRIES = 64;

    private final MeasureDataPort delegate;
    private final ReadModelVersion version;
    private final Map<String, List<ListedCount>> counts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ListedCount>> eldest) {
            return size() > ENTRIES;
        }
    };

    public CachingMeasureData(MeasureDataPort delegate, ReadModelVersion version) {
        this.delegate = delegate;
        this.version = version;
    }

    @Override
    public List<ListedCount> listedCounts(String unit, LocalDate listedOn) {
        String current = version.current();
        String key = current + "|" + unit + "|" + listedOn;
        synchronized (counts) {
            List<ListedCount> cached = counts.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<ListedCount> fresh = List.copyOf(delegate.listedCounts(unit, listedOn));
        synchronized (counts) {
            counts.keySet().removeIf(k -> !k.startsWith(current + "|"));
            counts.put(key, fresh);
        }
        return fresh;
    }

    @Override
    public List<BirthCount> listedByBirthDate(String unit) {
        return delegate.listedByBirthDate(unit);
    }

    @Override
    public List<ListedPatient> listedAmong(String unit, LocalDate listedOn, Collection<String> patientIds) {
        return delegate.listedAmong(unit, listedOn, patientIds);
    }

    @Override
    public List<String> listedIds(String unit, LocalDate listedOn) {
        return delegate.listedIds(unit, listedOn);
    }

    @Override
    public List<DiagnosisRow> diagnoses(
            String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> codePrefixes) {
        return delegate.diagnoses(unit, listedOn, from, to, codePrefixes);
    }

    @Override
    public List<PrescriptionRow> prescriptions(
            String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> atcPrefixes) {
        return delegate.prescriptions(unit, listedOn, from, to, atcPrefixes);
    }

    @Override
    public List<ProcedureRow> procedures(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        return delegate.procedures(unit, listedOn, from, to);
    }

    @Override
    public List<SickLeaveRow> sickLeave(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        return delegate.sickLeave(unit, listedOn, from, to);
    }

    @Override
    public List<CarePlanRow> carePlans(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        return delegate.carePlans(unit, listedOn, from, to);
    }

    @Override
    public List<ServiceRequestRow> serviceRequests(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        return delegate.serviceRequests(unit, listedOn, from, to);
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
}
