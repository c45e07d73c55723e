package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
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

class CachingMeasureDataTest {

    private static final LocalDate END = LocalDate.of(2025, 12, 31);

    @Test
    void listedCountsAreReadOnceUntilTheReadModelChanges() {
        CountingPort port = new CountingPort();
        ReadModelVersion version = ReadModelVersion.local();
        CachingMeasureData cache = new CachingMeasureData(port, version);

        cache.listedCounts("vc1", END);
        cache.listedCounts("vc1", END);
        assertThat(port.countCalls).isEqualTo(1);

        port.counts.add(new ListedCount("<40", "female", 1));
        version.changed();
        assertThat(cache.listedCounts("vc1", END)).hasSize(2);
        assertThat(port.countCalls).isEqualTo(2);

        cache.listedCounts("vc2", END);
        cache.listedCounts("vc1", END.minusDays(1));
        assertThat(port.countCalls).isEqualTo(4);
    }

    /** Counts how often the listed population is counted. */
    private static final class CountingPort implements MeasureDataPort {
        final List<ListedCount> counts = new ArrayList<>(List.of(new ListedCount(">=40", "male", 1)));
        int countCalls;

        @Override
        public List<ListedCount> listedCounts(String unit, LocalDate listedOn) {
            countCalls++;
            return List.copyOf(counts);
        }

        @Override
        public List<BirthCount> listedByBirthDate(String unit) {
            return List.of();
        }

        @Override
        public List<ListedPatient> listedAmong(String unit, LocalDate listedOn, Collection<String> patientIds) {
            return List.of();
        }

        @Override
        public List<String> listedIds(String unit, LocalDate listedOn) {
            return List.of();
        }

        @Override
        public List<DiagnosisRow> diagnoses(
                String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> codePrefixes) {
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

        @Override
        public List<ServiceRequestRow> serviceRequests(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public List<String> unitsOfRegularDoctor(String practitionerId) {
            return List.of();
        }

        @Override
        public List<PatientIdentity> identities(java.util.Collection<String> patientIds) {
            return List.of();
        }

        @Override
        public List<PractitionerRow> regularDoctors(String unit, LocalDate listedOn) {
            return List.of();
        }
    }
}
