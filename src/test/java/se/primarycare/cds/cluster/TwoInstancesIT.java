package se.primarycare.cds.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.primarycare.cds.support.CdsHttp;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.ServerProcess;
import se.primarycare.cds.support.TestEhrTokens;

/**
 * Two server processes on one PostgreSQL, started at the same moment, as two replicas behind one load balancer:
 * both start cleanly (one after the other, by the start lock), a write on one is counted by an indicator on the
 * other at once, and a CDS Hooks token used on one is refused when replayed on the other.
 */
class TwoInstancesIT {

    /** The URL the EHR calls: the load balancer's, the same for both instances. */
    private static final String SERVICE = "https://cds.region.example/cds-services/primarycare-order-sign";

    @Test
    void twoInstancesOnOneDatabaseBehaveAsOne(@TempDir Path work) throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            List<String> args = new ArrayList<>(ServerProcess.databaseArgs(postgres, work));
            args.add("--primarycare.cds.security.audiences[0]=" + SERVICE);
            ExecutorService starts = Executors.newFixedThreadPool(2);
            Future<ServerProcess> startA = starts.submit(() -> ServerProcess.startSecured(args, work.resolve("a.log")));
            Future<ServerProcess> startB = starts.submit(() -> ServerProcess.startSecured(args, work.resolve("b.log")));
            try (ServerProcess a = startA.get();
                    ServerProcess b = startB.get()) {
                starts.shutdown();
                bothStartedOneAfterTheOther(work);
                aWriteOnOneIsCountedOnTheOtherAtOnce(new FhirHttp(a.port()), new FhirHttp(b.port()));
                aTokenUsedOnOneIsRefusedOnTheOther(new CdsHttp(a.port()), new CdsHttp(b.port()));
            }
        }
    }

    private static void bothStartedOneAfterTheOther(Path work) throws Exception {
        for (String log : List.of("a.log", "b.log")) {
            String text = Files.readString(work.resolve(log));
            assertThat(text).as(log).contains("Start lock taken after");
            assertThat(text).as(log).doesNotContain("Exception in thread", "APPLICATION FAILED TO START");
        }
    }

    /** DID = DDD × 1000 / (listed × days): a second listed patient written on A halves the value read on B. */
    private static void aWriteOnOneIsCountedOnTheOtherAtOnce(FhirHttp onA, FhirHttp onB) {
        String unit = onA.putUnit("vc-two-instances", "Vårdcentralen Två instanser");
        String first = onA.createId(Fixtures.patient("198001010027", "1980-01-01", unit));
        MedicationRequest oxazepam = Fixtures.prescription(first, "N05BA04", "oxazepam-10mg-tab", 25); // 5 DDD
        oxazepam.setAuthoredOnElement(new DateTimeType("2025-03-01"));
        onA.createId(oxazepam);
        BigDecimal oneListed = did(onB, unit);
        assertThat(oneListed)
                .isEqualByComparingTo(new BigDecimal("5000").divide(new BigDecimal("365"), 4, RoundingMode.HALF_UP));

        onA.createId(Fixtures.patient("198001010035", "1980-01-01", unit));
        assertThat(did(onB, unit)).isEqualByComparingTo(oneListed.divide(new BigDecimal("2"), 4, RoundingMode.HALF_UP));
    }

    private static BigDecimal did(FhirHttp fhir, String unit) {
        MeasureReport report = fhir.get("Measure/did-n05ba/$evaluate-measure?periodStart=2025-01-01"
                        + "&periodEnd=2025-12-31&subject=Organization/" + unit)
                .expectOk(MeasureReport.class);
        return report.getGroupFirstRep().getMeasureScore().getValue().setScale(4, RoundingMode.HALF_UP);
    }

    private static void aTokenUsedOnOneIsRefusedOnTheOther(CdsHttp onA, CdsHttp onB) throws Exception {
        String request = new ObjectMapper()
                .readTree(Files.readString(Path.of("cds-services/examples/order-sign-diazepam-anxiety.json")))
                .toString();
        Map<String, String> once = Map.of("Authorization", "Bearer " + TestEhrTokens.valid(SERVICE));
        assertThat(onA.post("/cds-services/primarycare-order-sign", request, once)
                        .status())
                .isEqualTo(200);
        CdsHttp.Response replay = onB.post("/cds-services/primarycare-order-sign", request, once);
        assertThat(replay.status()).isEqualTo(401);
        Map<String, String> fresh = Map.of("Authorization", "Bearer " + TestEhrTokens.valid(SERVICE));
        assertThat(onB.post("/cds-services/primarycare-order-sign", request, fresh)
                        .status())
                .isEqualTo(200);
    }
}
