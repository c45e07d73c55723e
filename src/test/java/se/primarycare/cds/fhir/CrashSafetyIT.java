package se.primarycare.cds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.ServerProcess;

/**
 * Issue 6, crash safety: the server runs as its own process on a real PostgreSQL; while two clients send
 * transaction bundles it is killed with SIGKILL. After a restart every bundle that was acknowledged (2xx) must be
 * there completely, and no bundle may be there in part.
 */
class CrashSafetyIT {

    private static final String TAG = "urn:primarycare:crash-test";
    private static final int PATIENTS_PER_BUNDLE = 10;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void acknowledgedBundlesSurviveASigkillAndNoBundleIsHalfStored(@TempDir Path work) throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            List<String> args = List.of(
                    "--spring.profiles.active=postgres",
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=");
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger sent = new AtomicInteger();

            ServerProcess first = ServerProcess.start(args, work.resolve("before-crash.log"));
            String base = first.base() + "/fhir";
            ExecutorService clients = Executors.newFixedThreadPool(2);
            for (int client = 0; client < 2; client++) {
                clients.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        int number = sent.getAndIncrement();
                        if (post(base, bundle(number))) {
                            acknowledged.add(number);
                        } else if (!isUp(base)) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            waitUntil(() -> acknowledged.size() >= 15, Duration.ofMinutes(3));
            first.kill(); // mid-stream: both clients have a bundle in flight
            clients.shutdownNow();
            assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            Files.writeString(work.resolve("acknowledged.txt"), acknowledged.toString());

            try (ServerProcess second = ServerProcess.start(args, work.resolve("after-restart.log"))) {
                FhirHttp fhir = new FhirHttp(Integer.parseInt(second.base().replaceAll(".*:", "")), null);
                int complete = 0;
                for (int number = 0; number < sent.get(); number++) {
                    int patients = fhir.count("Patient?_tag=" + FhirHttp.encode(TAG + "|b" + number));
                    int conditions = fhir.count("Condition?_tag=" + FhirHttp.encode(TAG + "|b" + number));
                    if (acknowledged.contains(number)) {
                        assertThat(patients)
                                .as("acknowledged bundle %d: patients", number)
                                .isEqualTo(PATIENTS_PER_BUNDLE);
                        assertThat(conditions)
                                .as("acknowledged bundle %d: conditions", number)
                                .isEqualTo(PATIENTS_PER_BUNDLE);
                    } else {
                        assertThat(List.of(patients, conditions))
                                .as("unacknowledged bundle %d is all or nothing", number)
                                .isIn(List.of(0, 0), List.of(PATIENTS_PER_BUNDLE, PATIENTS_PER_BUNDLE));
                    }
                    if (patients == PATIENTS_PER_BUNDLE) {
                        complete++;
                    }
                }
                assertThat(complete).isGreaterThanOrEqualTo(acknowledged.size());
                System.out.printf(
                        "crash test: %d bundles sent, %d acknowledged, %d present after restart, 0 partial%n",
                        sent.get(), acknowledged.size(), complete);
            }
        }
    }

    /** Ten patients with a diagnosis each, all tagged with the bundle's number. */
    private static String bundle(int number) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < PATIENTS_PER_BUNDLE; i++) {
            String fullUrl = "urn:uuid:" + java.util.UUID.randomUUID();
            Patient patient = Fixtures.patient(personnummer(number * PATIENTS_PER_BUNDLE + i), "1970-01-01", null);
            patient.setManagingOrganization(null);
            patient.getMeta().addTag(TAG, "b" + number, null);
            bundle.addEntry()
                    .setFullUrl(fullUrl)
                    .setResource(patient)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient");
            var condition = Fixtures.diagnosis(fullUrl, "F41.1", "2026-01-10");
            condition.getMeta().addTag(TAG, "b" + number, null);
            bundle.addEntry()
                    .setResource(condition)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Condition");
        }
        return FhirHttp.FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    /** A valid personnummer for 1970-01-01 with serial {@code n} (check digit by the Luhn algorithm). */
    static String personnummer(int n) {
        String nine = String.format("700101%03d", n % 1000);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d / 10 + d % 10;
        }
        return "19" + nine + (10 - sum % 10) % 10;
    }

    private boolean post(String base, String body) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/fhir+json")
                            .header("Prefer", "return=minimal")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2;
        } catch (Exception e) {
            return false;
        }
    }

    private boolean isUp(String base) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/metadata"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
