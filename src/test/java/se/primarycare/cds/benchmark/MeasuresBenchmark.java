package se.primarycare.cds.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.primarycare.cds.support.ServerProcess;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationLoader;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * Indicator speed (issue 5): for each population size, a fresh server process is loaded with a generated
 * population, then every Measure is evaluated for one year (all units) and a 36-month run chart is drawn.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java@measures-benchmark -Dexec.args="--patients 1000,10000 --db h2"}
 */
public final class MeasuresBenchmark {

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        List<Integer> sizes = Arrays.stream(
                        options.getOrDefault("patients", "1000,10000").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
        List<String> databases = Arrays.asList(options.getOrDefault("db", "h2").split(","));
        new MeasuresBenchmark().run(sizes, databases);
    }

    private void run(List<Integer> sizes, List<String> databases) throws Exception {
        List<String> report = new ArrayList<>();
        for (String database : databases) {
            for (int size : sizes) {
                report.addAll(runOne(database.trim(), size));
            }
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "== Indicator benchmark (%d cores) ==%n",
                Runtime.getRuntime().availableProcessors());
        report.forEach(System.out::println);
        System.out.printf(
                Locale.ROOT,
                "reproduce: ./mvnw -q test-compile exec:java@measures-benchmark -Dexec.args=\"--patients %s --db %s\"%n",
                String.join(",", sizes.stream().map(String::valueOf).toList()),
                String.join(",", databases));
    }

    private List<String> runOne(String database, int patients) throws Exception {
        Path work = Files.createTempDirectory("pccds-measures-bench");
        PopulationWriter.generateTo(GeneratorSettings.of(patients, 1), work.resolve("population"));
        List<String> args = new ArrayList<>();
        EmbeddedPostgres postgres =
                database.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        args.addAll(ServerProcess.databaseArgs(postgres, work));
        List<String> lines = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(args, work.resolve("server.log"))) {
            String base = server.base() + "/fhir";
            PopulationLoader.LoadResult load =
                    new PopulationLoader(URI.create(base), 2, false, System.out).load(work.resolve("population"));
            String bundle = get(base + "/Measure?_count=100&_elements=id");
            List<String> measures = new ArrayList<>();
            Matcher ids = Pattern.compile("\"id\":\"([a-z0-9-]+)\"").matcher(bundle);
            while (ids.find()) {
                if (!ids.group(1).matches("[0-9a-f-]{36}")) {
                    measures.add(ids.group(1));
                }
            }
            // the first pass after loading is what a quality team sees after new data: report it as well
            long coldStart = System.nanoTime();
            for (String measure : measures) {
                get(base + "/Measure/" + measure + "/$evaluate-measure?periodStart=2025-07-01&periodEnd=2026-06-30");
            }
            double coldMs = (System.nanoTime() - coldStart) / 1e6;
            long started = System.nanoTime();
            long slowest = 0;
            String slowestId = "";
            for (String measure : measures) {
                long t = System.nanoTime();
                get(base + "/Measure/" + measure + "/$evaluate-measure?periodStart=2025-07-01&periodEnd=2026-06-30");
                long took = System.nanoTime() - t;
                if (took > slowest) {
                    slowest = took;
                    slowestId = measure;
                }
            }
            double allMs = (System.nanoTime() - started) / 1e6;
            long chartStart = System.nanoTime();
            get(base + "/Measure/did-n05ba/$run-chart?from=2023-07&to=2026-06");
            double chartMs = (System.nanoTime() - chartStart) / 1e6;
            long an07Start = System.nanoTime();
            get(base + "/Measure/an07/$run-chart?from=2023-07&to=2026-06");
            double an07ChartMs = (System.nanoTime() - an07Start) / 1e6;
            lines.add(worklists(base, database));
            lines.add(String.format(
                    Locale.ROOT,
                    "[%s %,d patients, %,d resources, loaded at %.0f/s] all %d indicators, one year: first %.0f ms, "
                            + "again %.0f ms (slowest %s %.0f ms); 36-month run chart: DID N05BA %.0f ms, Ån07 %.0f ms; "
                            + "RSS %d MiB",
                    database,
                    patients,
                    load.resources(),
                    load.resourcesPerSecond(),
                    measures.size(),
                    coldMs,
                    allMs,
                    slowestId,
                    slowest / 1e6,
                    chartMs,
                    an07ChartMs,
                    server.rssMiB()));
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        return lines;
    }

    /** Each worklist for the first unit and for a PAL of it, on the benchmark's reference date (first call). */
    private String worklists(String base, String database) throws Exception {
        // a unit that has patients: the managingOrganization of a listed patient
        Matcher unit = Pattern.compile("\"reference\":\"Organization/([^\"]+)\"")
                .matcher(get(base + "/Patient?_count=1&_elements=managingOrganization"));
        if (!unit.find()) {
            return "[" + database + "] no unit for the worklists";
        }
        String organization = unit.group(1);
        Matcher practitioner = Pattern.compile("\"reference\":\"Practitioner/([^\"]+)\"")
                .matcher(get(
                        base + "/Patient?organization=" + organization + "&_count=50&_elements=generalPractitioner"));
        String pal = practitioner.find() ? practitioner.group(1) : null;
        StringBuilder line = new StringBuilder("[" + database + "] worklists for unit " + organization + ":");
        for (String list : List.of("an07", "tapering", "sick-leave")) {
            long t = System.nanoTime();
            String body = get(base + "/Patient/$worklist?list=" + list + "&organization=Organization/" + organization
                    + "&date=2026-06-30");
            line.append(String.format(
                    Locale.ROOT, " %s %.0f ms (%d lines)", list, (System.nanoTime() - t) / 1e6, count(body)));
        }
        if (pal != null) {
            line.append("; for PAL ").append(pal).append(':');
            for (String list : List.of("an07", "tapering", "sick-leave")) {
                long t = System.nanoTime();
                String body = get(base + "/Patient/$worklist?list=" + list + "&practitioner=Practitioner/" + pal
                        + "&date=2026-06-30");
                line.append(String.format(
                        Locale.ROOT, " %s %.0f ms (%d lines)", list, (System.nanoTime() - t) / 1e6, count(body)));
            }
        }
        return line.toString();
    }

    private static int count(String list) {
        Matcher entries = Pattern.compile("\"item\"").matcher(list);
        int n = 0;
        while (entries.find()) {
            n++;
        }
        return n;
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/fhir+json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
