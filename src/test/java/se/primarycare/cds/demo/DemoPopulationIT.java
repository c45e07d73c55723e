package se.primarycare.cds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.MeasureReports;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationSummary;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * The first run shows something: with the demo switched on and an empty store, the server loads a generated
 * population before it reports itself ready, through the same contract checks and read model as any upload, and
 * never loads it a second time.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:demo-population;DB_CLOSE_DELAY=-1",
            "primarycare.demo.enabled=true"
        })
class DemoPopulationIT {

    private static final Path DEMO = generateDemo();
    private static final PopulationSummary SUMMARY = summaryOf(DEMO);

    @LocalServerPort
    int port;

    @Autowired
    DemoPopulationLoader loader;

    FhirHttp fhir;

    @DynamicPropertySource
    static void demoDirectory(DynamicPropertyRegistry registry) {
        registry.add("primarycare.demo.directory", DEMO::toString);
    }

    @BeforeEach
    void client() {
        fhir = new FhirHttp(port);
    }

    @Test
    void anEmptyStoreGetsTheWholeDemoPopulationAtStart() {
        Map<String, Integer> written = SUMMARY.resourceCounts();
        assertThat(fhir.count("Patient")).isEqualTo(written.get("Patient")).isPositive();
        assertThat(fhir.count("Condition")).isEqualTo(written.get("Condition"));
        assertThat(fhir.count("MedicationRequest")).isEqualTo(written.get("MedicationRequest"));
        assertThat(fhir.count("Organization")).isEqualTo(written.get("Organization"));
    }

    @Test
    void theIndicatorsSeeTheDemoPopulation() {
        String unit = SUMMARY.units().get(0).organizationId();
        MeasureReport report = fhir.get("Measure/sl14/$evaluate-measure?periodStart=2025-07-01&periodEnd=2026-06-30"
                        + "&subject=Organization/" + unit)
                .expectOk(MeasureReport.class);
        assertThat(MeasureReports.count(report, "denominator")).isPositive();
        assertThat(fhir.count("Patient?organization=Organization/" + unit))
                .isEqualTo(SUMMARY.units().get(0).patients());
    }

    @Test
    void aStoreWithPatientsIsLeftAlone() throws Exception {
        int before = fhir.count("Patient");
        loader.run(new DefaultApplicationArguments());
        assertThat(fhir.count("Patient")).isEqualTo(before);
    }

    private static Path generateDemo() {
        try {
            Path dir = Files.createTempDirectory("demo-population");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PopulationSummary summaryOf(Path dir) {
        return PopulationWriter.generateTo(GeneratorSettings.of(120, 3), dir);
    }
}
