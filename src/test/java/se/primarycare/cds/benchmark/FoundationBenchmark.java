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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.primarycare.cds.support.ServerProcess;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationLoader;
import se.primarycare.cds.synthetic.PopulationSummary;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * Benchmark of the FHIR server foundation (issue 3): boot time, RSS after boot, ingest rate of a generated
 * population, and latency of the acceptance searches, on H2 and on PostgreSQL, each in a fresh server process.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java@benchmark -Dexec.args="--patients 10000"} (options:
 * {@code --patients N}, {@code --db h2,postgres}, {@code --repeat N}, {@code --parallel N}).
 */
public final class FoundationBenchmark {

    private static final List<String> SEARCHES = List.of(
            "MedicationRequest?code:below=http://www.whocc.no/atc|N05BA&_summary=count",
            "Condition?code:below=http://hl7.org/fhir/sid/icd-10-se|F40-F48&_summary=count",
            "Condition?code:in=https://fhir.primarycare.se/ValueSet/anxiety&_summary=count",
            "Condition?subject:Patient.organization=Organization/{unit}&_summary=count",
            "MedicationRequest?code=http://www.whocc.no/atc|N05BA04&_summary=count");

    private String unit;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int patients = Integer.parseInt(options.getOrDefault("patients", "10000"));
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "50"));
        int parallel = Integer.parseInt(options.getOrDefault("parallel", "2"));
        List<String> databases =
                Arrays.asList(options.getOrDefault("db", "h2,postgres").split(","));
        new FoundationBenchmark().run(patients, repeat, parallel, databases);
    }

    private void run(int patients, int repeat, int parallel, List<String> databases) throws Exception {
        Path work = Files.createTempDirectory("pccds-bench");
        Path population = work.resolve("population");
        PopulationSummary summary = PopulationWriter.generateTo(GeneratorSettings.of(patients, 1), population);
        System.out.printf(
                Locale.ROOT,
                "population: %d patients, %d resources in %d bundles (seed 1)%n",
                patients,
                summary.totalResources(),
                summary.patientBundles());
        unit = summary.units().get(0).organizationId();
        List<String> report = new ArrayList<>();
        for (String database : databases) {
            report.addAll(runOne(database.trim(), work, population, repeat, parallel));
        }
        System.out.println();
        System.out.println("== Foundation benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ==");
        report.forEach(System.out::println);
        System.out.printf(
                Locale.ROOT,
                "reproduce: ./mvnw -q test-compile exec:java@benchmark -Dexec.args=\"--patients %d --db %s\"%n",
                patients,
                String.join(",", databases));
    }

    private List<String> runOne(String database, Path work, Path population, int repeat, int parallel)
            throws Exception {
        EmbeddedPostgres postgres = null;
        List<String> args = new ArrayList<>();
        if (database.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().start();
            args.add("--spring.profiles.active=postgres");
            args.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"));
            args.add("--spring.datasource.username=postgres");
            args.add("--spring.datasource.password=");
        } else {
            args.add("--spring.datasource.url=jdbc:h2:file:" + work.resolve("h2-" + System.nanoTime()) + "/db");
        }
        List<String> lines = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(args, work.resolve("server-" + database + ".log"))) {
            String base = server.base() + "/fhir";
            lines.add(String.format(
                    Locale.ROOT,
                    "[%s] boot to ready /fhir/metadata: %.1f s, RSS after boot: %d MiB",
                    database,
                    server.bootSeconds,
                    server.rssMiB()));

            PopulationLoader.LoadResult load =
                    new PopulationLoader(URI.create(base), parallel, true, System.out).load(population);
            lines.add(String.format(
                    Locale.ROOT,
                    "[%s] ingest: %d resources in %.1f s = %.0f resources/s (%d clients)",
                    database,
                    load.resources(),
                    load.elapsed().toMillis() / 1000.0,
                    load.resourcesPerSecond(),
                    parallel));
            lines.add(String.format(Locale.ROOT, "[%s] RSS after ingest: %d MiB", database, server.rssMiB()));
            for (String search : SEARCHES) {
                lines.add(String.format(
                        Locale.ROOT,
                        "[%s] %s",
                        database,
                        timeSearch(base + "/" + search.replace("{unit}", unit), repeat)));
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        return lines;
    }

    private String timeSearch(String url, int repeat) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replace("|", "%7C")))
                .header("Cache-Control", "no-cache")
                .build();
        String body = "";
        for (int i = 0; i < 5; i++) {
            body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
        long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
            }
        }
        Arrays.sort(nanos);
        String total = body.replaceAll("(?s).*\"total\":(\\d+).*", "$1");
        return String.format(
                Locale.ROOT,
                "p50 %.1f ms, p95 %.1f ms, total=%s  %s",
                nanos[repeat / 2] / 1e6,
                nanos[(int) Math.ceil(repeat * 0.95) - 1] / 1e6,
                total,
                url.substring(url.indexOf("/fhir/") + 6));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
