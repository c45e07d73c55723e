package se.primarycare.cds.measures;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.primarycare.cds.measures.core.MeasureDataPort;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * Keeps the last few listed-patient sets: every indicator of a dashboard or report for the same unit and date
 * needs the same listed patients (the largest query at region scale), so it is read once, not once per
 * indicator. Entries are dropped as soon as the read model changes; at most {@value #ENTRIES} are kept.
 */
public final class CachingMeasureData implements MeasureDataPort {

    private static final int ENTRIES = 4;

    private final MeasureDataPort delegate;
    private final ReadModelVersion version;
    private final Map<String, List<ListedPatient>> listed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ListedPatient>> eldest) {
            return size() > ENTRIES;
        }
    };

    public CachingMeasureData(MeasureDataPort delegate, ReadModelVersion version) {
        this.delegate = delegate;
        this.version = version;
    }

    @Override
    public List<ListedPatient> listed(String unit, LocalDate listedOn) {
        String key = version.current() + "|" + unit + "|" + listedOn;
        synchronized (listed) {
            List<ListedPatient> cached = listed.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<ListedPatient> fresh = List.copyOf(delegate.listed(unit, listedOn));
        synchronized (listed) {
            listed.keySet().removeIf(k -> !k.startsWith(version.current() + "|"));
            listed.put(key, fresh);
        }
        return fresh;
    }

    @Override
    public List<DiagnosisRow> diagnoses(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        return delegate.diagnoses(unit, listedOn, from, to);
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
}
