package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import se.primarycare.cds.fhir.SwedishCalendar;
import se.primarycare.cds.fhir.contract.ContractSystems;
import se.primarycare.cds.measures.core.Indicator;
import se.primarycare.cds.measures.core.IndicatorCalculator;
import se.primarycare.cds.measures.core.IndicatorResult;
import se.primarycare.cds.measures.core.IndicatorVocabulary;
import se.primarycare.cds.support.TestProfiles;
import se.primarycare.cds.terminology.CodeHierarchy;
import se.primarycare.cds.terminology.ValueSetIndex;

/**
 * The indicators' read model takes its calendar days from {@link SwedishCalendar}, like the CDS rules: a
 * dateTime is the day in Swedish time, a date is the day as written. Runs the projector and the JDBC port on
 * an in-memory H2 database, without the server.
 */
class MeasureFactsProjectorTest {

    private static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    private static final LocalDate JAN_31 = LocalDate.of(2025, 1, 31);
    private static final LocalDate FEB_1 = LocalDate.of(2025, 2, 1);
    private static final LocalDate FEB_28 = LocalDate.of(2025, 2, 28);

    private JdbcTemplate jdbc;
    private MeasureFactsProjector projector;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:facts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        new MeasureFactsTables(jdbc).create();
        projector = new MeasureFactsProjector(jdbc, ReadModelVersion.local(), SwedishCalendar.sweden());
        Patient patient = new Patient();
        patient.setId("Patient/p1");
        patient.setBirthDateElement(new DateType("1980-05-05"));
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setManagingOrganization(new Reference("Organization/vc1"));
        projector.project(patient);
    }

    @Test
    void prescriptionAuthoredLateOn31JanuaryUtcIsAFebruaryPrescription() {
        projector.project(oxazepam("rx1", "2025-01-31T23:30:00Z"));

        JdbcMeasureData data = new JdbcMeasureData(jdbc);
        assertThat(data.prescriptions("vc1", FEB_28, FEB_1, FEB_28, List.of("N05BA")))
                .singleElement()
                .satisfies(row -> assertThat(row.authored()).isEqualTo(FEB_1));
        assertThat(data.prescriptions("vc1", JAN_31, JAN_1, JAN_31, List.of("N05BA")))
                .isEmpty();

        // DID N05BA: 25 tablets × 10 mg / 50 mg DDD = 5 DDD, all of it in February, none in January.
        IndicatorCalculator calculator = new IndicatorCalculator(data, vocabulary());
        Indicator did = new Indicator.Did("N05BA");
        IndicatorResult february = calculator.evaluate(did, FEB_1, FEB_28, "vc1");
        IndicatorResult january = calculator.evaluate(did, JAN_1, JAN_31, "vc1");
        assertThat(february.total().sum()).isEqualByComparingTo(new BigDecimal(5));
        assertThat(january.total().sum()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void dateWithoutTimeAndDateTimeWithSwedishOffsetStayOnTheDayWritten() {
        projector.project(oxazepam("rx-date", "2025-01-31"));
        projector.project(oxazepam("rx-local", "2025-01-31T23:30:00+01:00"));

        assertThat(new JdbcMeasureData(jdbc).prescriptions("vc1", JAN_31, JAN_1, JAN_31, List.of("N05BA")))
                .extracting(row -> row.authored())
                .containsExactly(JAN_31, JAN_31);
    }

    @Test
    void procedurePerformedLateOn31JanuaryUtcCountsOn1February() {
        Procedure far = new Procedure();
        far.setId("Procedure/far1");
        far.setStatus(Procedure.ProcedureStatus.COMPLETED);
        far.setSubject(new Reference("Patient/p1"));
        far.setCode(new CodeableConcept(new Coding(ContractSystems.KVA, "DV200", null)));
        far.setPerformed(new DateTimeType("2025-01-31T23:30:00Z"));
        projector.project(far);

        JdbcMeasureData data = new JdbcMeasureData(jdbc);
        assertThat(data.procedures("vc1", FEB_28, FEB_1, FEB_28))
                .singleElement()
                .satisfies(row -> assertThat(row.performed()).isEqualTo(FEB_1));
        assertThat(data.procedures("vc1", JAN_31, JAN_1, JAN_31)).isEmpty();
    }

    @Test
    void calendarFollowsASharedBeanThenTheConfiguredZoneThenSwedishTime() {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        assertThat(MeasuresConfig.calendar(none.getBeanProvider(SwedishCalendar.class), new MockEnvironment())
                        .zone())
                .isEqualTo(SwedishCalendar.SWEDEN);

        MockEnvironment configured =
                new MockEnvironment().withProperty(MeasuresConfig.TIME_ZONE_PROPERTY, "Europe/Helsinki");
        assertThat(MeasuresConfig.calendar(none.getBeanProvider(SwedishCalendar.class), configured)
                        .zone()
                        .getId())
                .isEqualTo("Europe/Helsinki");

        SwedishCalendar shared = SwedishCalendar.sweden();
        StaticListableBeanFactory withBean = new StaticListableBeanFactory();
        withBean.addBean("swedishCalendar", shared);
        assertThat(MeasuresConfig.calendar(withBean.getBeanProvider(SwedishCalendar.class), configured))
                .isSameAs(shared);
    }

    private static MedicationRequest oxazepam(String id, String authoredOn) {
        MedicationRequest request = new MedicationRequest();
        request.setId("MedicationRequest/" + id);
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/p1"));
        request.setAuthoredOnElement(new DateTimeType(authoredOn));
        request.setMedication(new CodeableConcept()
                .addCoding(new Coding(ContractSystems.ATC, "N05BA04", "oxazepam"))
                .addCoding(new Coding(ContractSystems.PRODUCT, "oxazepam-10mg-tab", null)));
        request.getDispenseRequest().setQuantity(new Quantity().setValue(25).setUnit("st"));
        return request;
    }

    private static IndicatorVocabulary vocabulary() {
        MeasuresConfig config = new MeasuresConfig(
                new StaticListableBeanFactory().getBeanProvider(SwedishCalendar.class), new MockEnvironment());
        return config.indicatorVocabulary(
                new ValueSetIndex(
                        TestProfiles.profiles().ofType(ValueSet.class), new CodeHierarchy(TestProfiles.terminology())),
                TestProfiles.terminology());
    }
}
