package se.primarycare.cds.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;

/**
 * Issue 6: a fast subset of the fuzz corpus against the booted server (the full corpus is the fuzz benchmark).
 * Every kind of bad input is in the subset, since the corpus cycles through the kinds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FuzzIT {

    private static final int SUBSET = 240;

    @LocalServerPort
    int port;

    @Test
    void badInputNeverGivesA5xxAStackTraceOrAPartialWrite() throws Exception {
        FhirHttp fhir = new FhirHttp(port);
        String unit = fhir.putUnit("vc-fuzz", "Vårdcentralen Fuzz");
        String patient = fhir.createId(Fixtures.patient("196601012385", "1966-01-01", unit));
        FuzzCorpus corpus = new FuzzCorpus(20261123L, unit, patient);

        FuzzRunner.Report report = new FuzzRunner("http://localhost:" + port).run(corpus.generate(SUBSET));

        assertThat(report.problems()).isEmpty();
        assertThat(report.cases()).isEqualTo(SUBSET);
        // the corpus is bad input: most of it must actually be refused, or it tests nothing
        assertThat(report.refused()).isGreaterThan(SUBSET * 3 / 4);
    }
}
