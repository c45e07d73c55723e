package se.primarycare.cds.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Condition;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.ServerProcess;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationLoader;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * Soak (issue 6): two clients run a mixed load (CDS order-sign, searches, upserts, indicator evaluations) against a
 * server process for {@code --minutes}; after each minute it prints throughput, p50/p99 per operation, errors and
 * the server's heap after a GC-free read of {@code jvm.memory.used}. The audit log is on, as in production.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java@soak -Dexec.args="--minutes 10 --patients 2000 --db h2"}
 */
public final class SoakBenchmark {

    private static final List<String> OPERATIONS = List.of("cds order-sign", "search", "write", "measure");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new SoakBenchmark()
                .run(
                        Integer.parseInt(options.getOrDefault("minutes", "10")),
                        Integer.parseInt(options.getOrDefault("patients", "2000")),
                        options.getOrDefault("db", "h2"));
        System.exit(0);
    }

    private void run(int minutes, int patients, String database) throws Exception {
        Path work = Files.createTempDirectory("pccds-soak");
        PopulationWriter.generateTo(GeneratorSettings.of(patients, 1), work.resolve("population"));
        List<String> args = new ArrayList<>(List.of(
                "--primarycare.cds.rate-limit.enabled=false",
                "--management.endpoints.web.exposure.include=health,metrics"));
        EmbeddedPostgres postgres =
                database.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        args.addAll(ServerProcess.databaseArgs(postgres, work));
        List<String> report = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(args, work.resolve("server.log"))) {
            String base = server.base();
            new PopulationLoader(URI.create(base + "/fhir"), 2, false, System.out).load(work.resolve("population"));
            List<String> patientIds = patientIds(base);
            CdsFixture sign = CdsFixture.all().stream()
                    .filter(f -> f.name().contains("fires-active-anxiety-oxazepam"))
                    .findFirst()
                    .orElseThrow();
            report.add(String.format(Locale.ROOT, "start: heap %s; RSS %d MiB", heapMiB(base), server.rssMiB()));
            ExecutorService clients = Executors.newFixedThreadPool(2);
            long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < 2; client++) {
                long seed = client;
                // each client its own patients: two clients upserting one resource at once is a real 409
                // conflict, a fault of the test, not of the server
                List<String> own = new ArrayList<>();
                for (int i = client; i < patientIds.size(); i += 2) {
                    own.add(patientIds.get(i));
                }
                running.add(clients.submit(() -> {
                    clientLoop(base, sign, own, new Random(seed), end);
                    return null;
                }));
            }
            for (int minute = 1; minute <= minutes; minute++) {
                Thread.sleep(Duration.ofMinutes(1).toMillis());
                String line = minuteReport(minute, heapMiB(base));
                System.out.println(line);
                report.add(line);
            }
            for (Future<?> future : running) {
                future.get();
            }
            clients.shutdown();
            report.add(String.format(Locale.ROOT, "end: heap %s; RSS %d MiB", heapMiB(base), server.rssMiB()));
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "== Soak (%d cores, %s, %d patients, 2 clients, %d min) ==%n",
                Runtime.getRuntime().availableProcessors(),
                database,
                patients,
                minutes);
        report.forEach(System.out::println);
        errorSamples.stream().limit(10).forEach(e -> System.out.println("  error: " + e));
        System.out.printf(
                "reproduce: ./mvnw -q test-compile exec:java@soak -Dexec.args=\"--minutes %d --patients %d --db %s\"%n",
                minutes, patients, database);
    }

    private void clientLoop(String base, CdsFixture sign, List<String> patients, Random random, long end) {
        while (System.nanoTime() < end) {
            int dice = random.nextInt(100);
            String patient = patients.get(random.nextInt(patients.size()));
            if (dice < 40) {
                timed(
                        "cds order-sign",
                        () -> post(
                                base + "/cds-services/" + sign.service(),
                                sign.request().toString(),
                                "application/json"));
            } else if (dice < 70) {
                String query =
                        switch (random.nextInt(3)) {
                            case 0 -> "/fhir/Condition?subject=" + patient;
                            case 1 ->
                                "/fhir/MedicationRequest?code:below=" + FhirHttp.encode("http://www.whocc.no/atc|N05BA")
                                        + "&subject=" + patient;
                            default -> "/fhir/" + patient;
                        };
                timed("search", () -> get(base + query));
            } else if (dice < 90) {
                // an upsert of one diagnosis per patient: a steady state, not a store that grows all night
                Condition diagnosis =
                        Fixtures.diagnosis(patient, random.nextBoolean() ? "F41.1" : "F43.2", "2026-01-10");
                String id = "soak-" + patient.substring(patient.indexOf('/') + 1);
                diagnosis.setId(id);
                String body = FhirHttp.FHIR.newJsonParser().encodeResourceToString(diagnosis);
                timed("write", () -> put(base + "/fhir/Condition/" + id, body));
            } else {
                String measure = List.of("an07", "did-n05ba", "sl28").get(random.nextInt(3));
                timed(
                        "measure",
                        () -> get(base + "/fhir/Measure/" + measure
                                + "/$evaluate-measure?periodStart=2025-07-01&periodEnd=2026-06-30"));
            }
        }
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private void timed(String operation, Call call) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = call.send();
            long took = System.nanoTime() - started;
            if (response.statusCode() / 100 != 2) {
                errors.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
                errorSamples.add(operation + " " + response.statusCode() + " "
                        + response.body()
                                .substring(0, Math.min(200, response.body().length())));
            }
            latencies
                    .computeIfAbsent(operation, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(took);
        } catch (Exception e) {
            errors.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
            errorSamples.add(operation + " " + e);
        }
    }

    /** Figures of the minute just ended; the samples are then cleared. */
    private String minuteReport(int minute, String heap) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "minute %2d:", minute));
        long total = 0;
        for (String operation : OPERATIONS) {
            List<Long> samples = latencies.getOrDefault(operation, List.of());
            List<Long> sorted;
            synchronized (samples) {
                sorted = new ArrayList<>(samples);
                samples.clear();
            }
            Collections.sort(sorted);
            total += sorted.size();
            long failed = errors.getOrDefault(operation, new AtomicLong()).getAndSet(0);
            line.append(String.format(
                    Locale.ROOT,
                    " %s %d ops p50 %.1f p99 %.1f ms err %d;",
                    operation,
                    sorted.size(),
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    failed));
        }
        line.append(String.format(Locale.ROOT, " total %.1f ops/s; heap %s", total / 60.0, heap));
        return line.toString();
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p) - 1)) / 1e6;
    }

    /** Heap in use and, more telling for a leak, the live data left after the last full GC. */
    private String heapMiB(String base) {
        return metricMiB(base + "/actuator/metrics/jvm.memory.used?tag=area:heap") + " MiB used, "
                + metricMiB(base + "/actuator/metrics/jvm.gc.live.data.size") + " MiB live after GC";
    }

    private long metricMiB(String url) {
        try {
            // actuator answers JSON, not FHIR JSON: no Accept header
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = Pattern.compile("\"value\":([0-9.E]+)").matcher(body);
            return m.find() ? (long) (Double.parseDouble(m.group(1)) / (1024 * 1024)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private List<String> patientIds(String base) throws Exception {
        String body = get(base + "/fhir/Patient?_count=500&_elements=id").body();
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"fullUrl\":\"[^\"]*/(Patient/[^\"/]+)\"").matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no patients loaded: " + body.substring(0, Math.min(300, body.length())));
        }
        return ids;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/fhir+json")
                        .timeout(Duration.ofSeconds(60))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/fhir+json")
                        .timeout(Duration.ofSeconds(60))
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, String contentType) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", contentType)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
