package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.measures.core.MeasureDataPort;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

class CachingMeasureDataTest {

    private static final LocalDate END = LocalDate.of(2025, 12, 31);

    @Test
    void listedPatientsAreReadOnceUntilTheReadModelChanges() {
        CountingPort port = new CountingPort();
        ReadModelVersion version = new ReadModelVersion();
        CachingMeasureData cache = new CachingMeasureData(port, version);

        cache.listed("vc1", END);
        cache.listed("vc1", END);
        assertThat(port.listedCalls).isEqualTo(1);

        port.patients.add(new ListedPatient("p2", LocalDate.of(1990, 1, 1), "female", "vc1"));
        version.changed();
        assertThat(cache.listed("vc1", END)).hasSize(2);
        assertThat(port.listedCalls).isEqualTo(2);

        cache.listed("vc2", END);
        cache.listed("vc1", END.minusDays(1));
        assertThat(port.listedCalls).isEqualTo(4);
    }

    /** Counts how often the listed patients are asked for. */
    private static final class CountingPort implements MeasureDataPort {
        final List<ListedPatient> patients =
                new ArrayList<>(List.of(new ListedPatient("p1", LocalDate.of(1980, 1, 1), "male", "vc1")));
        int listedCalls;

        @Override
        public List<ListedPatient> listed(String unit, LocalDate listedOn) {
            listedCalls++;
            return List.copyOf(patients);
        }

        @Override
        public List<DiagnosisRow> diagnoses(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public List<PrescriptionRow> prescriptions(
                String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> atcPrefixes) {
            return List.of();
        }

        @Override
        public List<ProcedureRow> procedures(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public List<SickLeaveRow> sickLeave(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public List<CarePlanRow> carePlans(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
            return List.of();
        }
    }
}
