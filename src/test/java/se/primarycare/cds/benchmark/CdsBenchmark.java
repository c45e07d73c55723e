package se.primarycare.cds.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.ServerProcess;
import se.primarycare.cds.synthetic.GeneratorSettings;
import se.primarycare.cds.synthetic.PopulationLoader;
import se.primarycare.cds.synthetic.PopulationWriter;

/**
 * Latency of the CDS Hooks service: order-sign with full prefetch, order-sign fetching everything from the
 * server's own store, patient-view, and an empty order-select, each called {@code --calls} times in a row against
 * a fresh server process holding a generated population, from this separate client process, on a new connection
 * per call, with Tomcat's access log on. With {@code --peer-jar} an earlier build of the server (e.g. version 1 of
 * the rules) runs the same calls on the same data in the same run. Then, in-process, where the server's time goes.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java@cds-benchmark -Dexec.args="--patients 2000 --calls 500
 * --peer-jar /tmp/v1/target/primary-care-cds-0.1.0-SNAPSHOT.jar"}
 */
public final class CdsBenchmark {

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new CdsBenchmark()
                .run(
                        Integer.parseInt(options.getOrDefault("patients", "2000")),
                        Integer.parseInt(options.getOrDefault("calls", "500")),
                        Arrays.asList(options.getOrDefault("audit", "on").split(",")),
                        options.containsKey("peer-jar") ? Path.of(options.get("peer-jar")) : null);
    }

    private void run(int patients, int calls, List<String> auditModes, Path peerJar) throws Exception {
        List<String> report = new ArrayList<>();
        Path work = Files.createTempDirectory("pccds-cds-bench");
        PopulationWriter.generateTo(GeneratorSettings.of(patients, 1), work.resolve("population"));
        for (String audit : auditModes) {
            report.add("-- this server, PDL audit log " + audit + " --");
            runOne(null, work, calls, audit.trim().equals("on"), report);
            if (peerJar != null) {
                report.add("-- peer " + peerJar.getFileName() + ", PDL audit log " + audit + " --");
                runOne(peerJar, work, calls, audit.trim().equals("on"), report);
            }
        }
        report.add("-- in-process, this server's CDS path without HTTP (where the time goes) --");
        report.addAll(CdsInProcessTimings.measure(
                fixture("benzo-anxiety/fires-active-anxiety-oxazepam.json"), Math.max(calls, 2000)));
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "== CDS Hooks benchmark (%d cores, %d patients in the store, %d calls each) ==%n",
                Runtime.getRuntime().availableProcessors(),
                patients,
                calls);
        report.forEach(System.out::println);
        System.out.printf(
                Locale.ROOT,
                "reproduce: ./mvnw -q test-compile exec:java@cds-benchmark -Dexec.args=\"--patients %d --calls %d "
                        + "--audit %s%s\"%n",
                patients,
                calls,
                String.join(",", auditModes),
                peerJar == null ? "" : " --peer-jar " + peerJar);
    }

    private void runOne(Path jar, Path work, int calls, boolean audit, List<String> report) throws Exception {
        Path run = Files.createTempDirectory(work, "run");
        List<String> args = List.of(
                "--spring.datasource.url=jdbc:h2:file:" + run.resolve("db"),
                "--primarycare.audit.enabled=" + audit,
                "--primarycare.cds.rate-limit.enabled=false",
                "--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + run.toAbsolutePath());
        try (ServerProcess server = jar == null
                ? ServerProcess.start(args, run.resolve("server.log"))
                : ServerProcess.startJar(jar, args, run.resolve("server.log"))) {
            new PopulationLoader(URI.create(server.base() + "/fhir"), 2, false, System.out)
                    .load(work.resolve("population"));
            CdsFixture sign = fixture("benzo-anxiety/fires-active-anxiety-oxazepam.json");
            storePrefetch(server, sign.request().get("prefetch"));
            ObjectNode selfFetch = sign.request().deepCopy();
            selfFetch.remove("prefetch");
            CdsFixture view = fixture("sick-leave-activity/fires-age-39-episode-21-days.json");
            CdsFixture select = fixture("protocol/order-select-empty-draft.json");
            int port = URI.create(server.base()).getPort();
            String path = "/cds-services/";
            report.add(time("order-sign, full prefetch", port, path + sign.service(), sign.request(), calls));
            report.add(time("order-sign, no prefetch (self-fetch)", port, path + sign.service(), selfFetch, calls));
            report.add(time("patient-view, full prefetch", port, path + view.service(), view.request(), calls));
            report.add(time(
                    "order-select, draft without medication", port, path + select.service(), select.request(), calls));
            report.add(String.format(Locale.ROOT, "RSS after the run: %d MiB", server.rssMiB()));
        }
    }

    private String time(String name, int port, String path, JsonNode body, int calls) throws Exception {
        byte[] request = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long first = System.nanoTime();
        check(OneShotHttp.post(port, path, request), path);
        double firstMs = (System.nanoTime() - first) / 1e6;
        for (int i = 0; i < 50; i++) {
            check(OneShotHttp.post(port, path, request), path);
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            check(OneShotHttp.post(port, path, request), path);
            nanos[i] = System.nanoTime() - t;
        }
        Latencies latencies = Latencies.of(nanos);
        return String.format(
                Locale.ROOT,
                "%-42s first %.0f ms, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                name,
                firstMs,
                latencies.p50(),
                latencies.p95(),
                latencies.p99());
    }

    private static void check(int status, String path) {
        if (status != 200) {
            throw new IllegalStateException(status + " from " + path);
        }
    }

    private void storePrefetch(ServerProcess server, JsonNode prefetch) throws Exception {
        List<JsonNode> resources = new ArrayList<>();
        prefetch.fields().forEachRemaining(f -> {
            if (f.getValue().path("resourceType").asText().equals("Bundle")) {
                f.getValue().path("entry").forEach(e -> resources.add(e.get("resource")));
            } else {
                resources.add(f.getValue());
            }
        });
        put(
                server,
                "Organization/vc-fixture",
                """
                {"resourceType":"Organization","id":"vc-fixture","name":"Vårdcentralen Fixtur",
                 "identifier":[{"system":"urn:oid:1.2.752.29.4.19","value":"SE2321000065-7777"}]}""");
        for (JsonNode resource : resources) {
            put(
                    server,
                    resource.get("resourceType").asText() + "/"
                            + resource.get("id").asText(),
                    resource.toString());
        }
    }

    private void put(ServerProcess server, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.base() + "/fhir/" + path))
                        .header("Content-Type", "application/fhir+json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + response.body());
        }
    }

    private static CdsFixture fixture(String name) {
        return CdsFixture.all().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
