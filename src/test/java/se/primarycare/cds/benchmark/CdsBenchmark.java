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
            report.add("-- PDL audit log " + audit
                    + (peerJar == null
                            ? ""
                            : "; this server vs peer " + peerJar.getFileName() + ", calls alternating between the two")
                    + " --");
            runBoth(peerJar, work, calls, audit.trim().equals("on"), report);
        }
        report.add("-- in-process, this server's CDS path without HTTP (where the time goes) --");
        report.addAll(CdsInProcessTimings.measure(
                fixture("benzo-anxiety/fires-active-anxiety-oxazepam.json"), Math.max(calls, 2000)));
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "== CDS Hooks benchmark (%d cores, %d patients in the store, %d calls each, new connection per call,"
                        + " access log on) ==%n",
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

    /**
     * This server and (when given) the peer, both up and loaded with the same population; each scenario's calls
     * alternate between them, so both see the same machine at the same moments.
     */
    private void runBoth(Path peerJar, Path work, int calls, boolean audit, List<String> report) throws Exception {
        List<ServerProcess> servers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            servers.add(start(null, work, audit));
            names.add("this server");
            if (peerJar != null) {
                servers.add(start(peerJar, work, audit));
                names.add("peer");
            }
            CdsFixture sign = fixture("benzo-anxiety/fires-active-anxiety-oxazepam.json");
            for (ServerProcess server : servers) {
                new PopulationLoader(URI.create(server.base() + "/fhir"), 2, false, System.out)
                        .load(work.resolve("population"));
                storePrefetch(server, sign.request().get("prefetch"));
            }
            ObjectNode selfFetch = sign.request().deepCopy();
            selfFetch.remove("prefetch");
            CdsFixture view = fixture("sick-leave-activity/fires-age-39-episode-21-days.json");
            CdsFixture select = fixture("protocol/order-select-empty-draft.json");
            int[] ports = servers.stream()
                    .mapToInt(server -> URI.create(server.base()).getPort())
                    .toArray();
            String path = "/cds-services/";
            report.addAll(
                    time("order-sign, full prefetch", names, ports, path + sign.service(), sign.request(), calls));
            report.addAll(time(
                    "order-sign, no prefetch (self-fetch)", names, ports, path + sign.service(), selfFetch, calls));
            report.addAll(
                    time("patient-view, full prefetch", names, ports, path + view.service(), view.request(), calls));
            report.addAll(time(
                    "order-select, draft without medication",
                    names,
                    ports,
                    path + select.service(),
                    select.request(),
                    calls));
            for (int i = 0; i < servers.size(); i++) {
                report.add(String.format(
                        Locale.ROOT,
                        "RSS after the run, %s: %d MiB",
                        names.get(i),
                        servers.get(i).rssMiB()));
            }
        } finally {
            for (ServerProcess server : servers) {
                server.close();
            }
        }
    }

    private static ServerProcess start(Path jar, Path work, boolean audit) throws Exception {
        Path run = Files.createTempDirectory(work, "run");
        List<String> args = List.of(
                "--spring.datasource.url=jdbc:h2:file:" + run.resolve("db"),
                "--primarycare.audit.enabled=" + audit,
                "--primarycare.cds.rate-limit.enabled=false",
                "--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + run.toAbsolutePath());
        return jar == null
                ? ServerProcess.start(args, run.resolve("server.log"))
                : ServerProcess.startJar(jar, args, run.resolve("server.log"));
    }

    private List<String> time(String name, List<String> names, int[] ports, String path, JsonNode body, int calls)
            throws Exception {
        byte[] request = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        double[] firstMs = new double[ports.length];
        for (int s = 0; s < ports.length; s++) {
            long first = System.nanoTime();
            check(OneShotHttp.post(ports[s], path, request), path);
            firstMs[s] = (System.nanoTime() - first) / 1e6;
        }
        for (int i = 0; i < 50; i++) {
            for (int port : ports) {
                check(OneShotHttp.post(port, path, request), path);
            }
        }
        long[][] nanos = new long[ports.length][calls];
        for (int i = 0; i < calls; i++) {
            for (int s = 0; s < ports.length; s++) {
                long t = System.nanoTime();
                check(OneShotHttp.post(ports[s], path, request), path);
                nanos[s][i] = System.nanoTime() - t;
            }
        }
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ports.length; s++) {
            Latencies latencies = Latencies.of(nanos[s]);
            lines.add(String.format(
                    Locale.ROOT,
                    "%-40s %-11s first %4.0f ms, p50 %5.1f ms, p95 %5.1f ms, p99 %5.1f ms",
                    name,
                    names.get(s),
                    firstMs[s],
                    latencies.p50(),
                    latencies.p95(),
                    latencies.p99()));
        }
        return lines;
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
