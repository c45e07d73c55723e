package se.primarycare.cds.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * This server beside HAPI FHIR's jpaserver-starter, in one run, on the same generated population: boot to
 * {@code /fhir/metadata} and to ready, ingest of transaction Bundles from one client, and count searches from this
 * separate process over a new connection per call. Both servers get the same JVM flags, a fresh database each, and
 * Tomcat's access log on; they run one after the other so each has the machine to itself.
 *
 * <p>Run (build the peer first, see docs/benchmarks.md): {@code ./mvnw -q test-compile exec:java@peer-benchmark
 * -Dexec.args="--starter /work/peer/starter/target/ROOT.war --patients 5000 --db h2,postgres"}. Options:
 * {@code --entries-per-bundle N} (default 500; whole patients per Bundle, so the mean is close to N),
 * {@code --calls N} per search (default 300), {@code --only this|starter}.
 */
public final class PeerBenchmark {

    private static final List<String> COUNT_SEARCHES = List.of(
            "/fhir/MedicationRequest?code=http://www.whocc.no/atc%7CN05BA04&_summary=count",
            "/fhir/Condition?code=http://hl7.org/fhir/sid/icd-10-se%7CF41.1&_summary=count",
            "/fhir/Patient?gender=female&_summary=count",
            "/fhir/Condition?subject:Patient.organization=Organization/{unit}&_summary=count");

    private static final List<String> JVM_FLAGS = List.of("-XX:+UseG1GC", "-Xmx2g");

    private final Path work;
    private final Path population;
    private final String unit;
    private final int calls;

    private PeerBenchmark(Path work, Path population, String unit, int calls) {
        this.work = work;
        this.population = population;
        this.unit = unit;
        this.calls = calls;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path starter = Path.of(options.getOrDefault("starter", "../peer/starter/target/ROOT.war"));
        int patients = Integer.parseInt(options.getOrDefault("patients", "5000"));
        int entriesPerBundle = Integer.parseInt(options.getOrDefault("entries-per-bundle", "500"));
        int calls = Integer.parseInt(options.getOrDefault("calls", "300"));
        List<String> databases = Arrays.asList(options.getOrDefault("db", "h2").split(","));
        List<String> servers =
                Arrays.asList(options.getOrDefault("only", "starter,this").split(","));
        Path jar = Path.of("target/primary-care-cds.jar");
        if (servers.contains("starter") && !Files.isRegularFile(starter)) {
            throw new IllegalArgumentException("no starter at " + starter.toAbsolutePath()
                    + ": build hapi-fhir-jpaserver-starter (docs/benchmarks.md) or pass --only this");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no " + jar + ": run ./mvnw package first");
        }

        Path work = Files.createTempDirectory("pccds-peer");
        Path population = work.resolve("population");
        // a first pass only to learn how many resources a patient brings, so that Bundles come out near the size
        PopulationSummary sizing =
                PopulationWriter.generateTo(GeneratorSettings.of(Math.min(patients, 2000), 1), work.resolve("sizing"));
        double entriesPerPatient = (double) sizing.totalResources() / Math.min(patients, 2000);
        int patientsPerBundle = Math.max(1, (int) Math.round(entriesPerBundle / entriesPerPatient));
        PopulationSummary summary = PopulationWriter.generateTo(
                GeneratorSettings.of(patients, 1).withPatientsPerBundle(patientsPerBundle), population);
        PeerBenchmark benchmark =
                new PeerBenchmark(work, population, summary.units().get(0).organizationId(), calls);

        List<String> report = new ArrayList<>();
        report.add(String.format(
                Locale.ROOT,
                "population: %d patients, %d resources in %d transaction Bundles of ~%d entries (seed 1)",
                patients,
                summary.totalResources(),
                summary.patientBundles(),
                Math.round(patientsPerBundle * entriesPerPatient)));
        for (String database : databases) {
            for (String server : servers) {
                report.addAll(benchmark.measure(server.trim(), database.trim(), starter, jar));
            }
        }
        System.out.println();
        System.out.println("== This server beside HAPI jpaserver-starter ("
                + Runtime.getRuntime().availableProcessors() + " cores, JVM " + String.join(" ", JVM_FLAGS)
                + ", access log on, one server at a time) ==");
        report.forEach(System.out::println);
    }

    private List<String> measure(String server, String database, Path starter, Path jar) throws Exception {
        Path run = Files.createDirectories(work.resolve(server + "-" + database + "-" + System.nanoTime()));
        EmbeddedPostgres postgres =
                database.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        List<String> args = new ArrayList<>(List.of(
                "--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + run.toAbsolutePath()));
        String label = String.format(Locale.ROOT, "[%-7s %-8s]", server, database);
        try (ServerProcess process = server.equals("this")
                ? ServerProcess.startThisJar(jar, JVM_FLAGS, thisServerArgs(args, postgres, run), run.resolve("log"))
                : ServerProcess.startPeer(starter, JVM_FLAGS, starterArgs(args, postgres, run), run.resolve("log"))) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    Locale.ROOT, "%s boot to ready: %.1f s, RSS %d MiB", label, process.bootSeconds, process.rssMiB()));
            PopulationLoader.LoadResult load =
                    new PopulationLoader(URI.create(process.base() + "/fhir"), 1, false, System.out).load(population);
            lines.add(String.format(
                    Locale.ROOT,
                    "%s ingest: %d resources in %.1f s = %.0f resources/s (1 client), RSS %d MiB",
                    label,
                    load.resources(),
                    load.elapsed().toMillis() / 1000.0,
                    load.resourcesPerSecond(),
                    process.rssMiB()));
            for (String search : COUNT_SEARCHES) {
                String path = search.replace("{unit}", unit);
                lines.add(String.format(Locale.ROOT, "%s %s  %s", label, countSearch(process.port(), path), path));
            }
            return lines;
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** p50/p95 of a count search with a new connection per call and the search cache bypassed. */
    private String countSearch(int port, String path) throws Exception {
        String total = "";
        for (int i = 0; i < 20; i++) {
            total = OneShotHttp.get(port, path);
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            OneShotHttp.get(port, path);
            nanos[i] = System.nanoTime() - started;
        }
        Latencies latencies = Latencies.of(nanos);
        return String.format(
                Locale.ROOT,
                "count p50 %.1f ms, p95 %.1f ms, total=%s",
                latencies.p50(),
                latencies.p95(),
                total.replaceAll("(?s).*\"total\"\\s*:\\s*(\\d+).*", "$1"));
    }

    private static List<String> thisServerArgs(List<String> common, EmbeddedPostgres postgres, Path run) {
        List<String> args = new ArrayList<>(common);
        args.addAll(ServerProcess.databaseArgs(postgres, run));
        return args;
    }

    private static List<String> starterArgs(List<String> common, EmbeddedPostgres postgres, Path run) {
        List<String> args = new ArrayList<>(common);
        // the starter as the issue measured it: clinical reasoning on, its own defaults otherwise
        args.add("--hapi.fhir.cr.enabled=true");
        if (postgres == null) {
            args.add("--spring.datasource.url=jdbc:h2:file:" + run.resolve("db"));
        } else {
            args.addAll(List.of(
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=",
                    "--spring.datasource.driverClassName=org.postgresql.Driver",
                    "--spring.jpa.properties.hibernate.dialect=ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect"));
        }
        return args;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
