package se.primarycare.cds.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads into a tiny in-process HTTP server that answers like a FHIR server's transaction endpoint. */
class PopulationLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the fake server received, in arrival order. */
    private record Received(String method, String path, String contentType, JsonNode body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The n-th request (1-based) gets a 422 with an OperationOutcome; 0 = never. */
    private final AtomicInteger failOnRequest = new AtomicInteger();

    private HttpServer server;
    private URI baseUrl;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir", this::handle);
        server.start();
        baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                body));
        ObjectNode answer = JSON.createObjectNode();
        int status;
        if (received.size() == failOnRequest.get()) {
            status = 422;
            answer.put("resourceType", "OperationOutcome");
            answer.putArray("issue")
                    .addObject()
                    .put("severity", "error")
                    .put("code", "processing")
                    .put("diagnostics", "HAPI-0550: Invalid reference urn:uuid:nowhere");
        } else {
            status = 200;
            answer.put("resourceType", "Bundle").put("type", "transaction-response");
            ArrayNode entries = answer.putArray("entry");
            for (JsonNode ignored : body.path("entry")) {
                entries.addObject().putObject("response").put("status", "201 Created");
            }
        }
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static PopulationSummary generate(Path dir) {
        return PopulationWriter.generateTo(new GeneratorSettings(450, 11, 2, LocalDate.of(2026, 6, 30), 100), dir);
    }

    @Test
    void postsOrganizationsFirstThenEveryBundleAndCountsResources(@TempDir Path dir) {
        PopulationSummary summary = generate(dir);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        PopulationLoader.LoadResult result = new PopulationLoader(
                        baseUrl, 2, false, new PrintStream(console, true, StandardCharsets.UTF_8))
                .load(dir);

        assertThat(received).hasSize(1 + 5);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/fhir"); // the base URL, trailing slash dropped
            assertThat(r.contentType()).isEqualTo("application/fhir+json");
            assertThat(r.body().path("type").asText()).isEqualTo("transaction");
        });
        JsonNode first = received.get(0).body();
        assertThat(first.path("entry").get(0).path("request").path("method").asText())
                .isEqualTo("PUT");
        assertThat(first.path("entry")
                        .get(0)
                        .path("resource")
                        .path("resourceType")
                        .asText())
                .isEqualTo("Organization");
        // the PALs travel with the units, before any patient that names one
        List<String> firstTypes = first.findValuesAsText("resourceType");
        assertThat(firstTypes)
                .contains("Organization", "Practitioner", "PractitionerRole")
                .doesNotContain("Patient");
        assertThat(received.subList(1, received.size()))
                .allSatisfy(r -> assertThat(r.body().findValuesAsText("resourceType"))
                        .doesNotContain("Organization", "Practitioner", "PractitionerRole"));
        for (JsonNode entry : first.path("entry")) {
            assertThat(entry.path("request").path("method").asText()).isEqualTo("PUT");
        }
        int entries =
                received.stream().mapToInt(r -> r.body().path("entry").size()).sum();
        assertThat(entries).isEqualTo(summary.totalResources());
        assertThat(result.resources()).isEqualTo(summary.totalResources());
        assertThat(result.bundles()).isEqualTo(6);
        assertThat(result.resourcesPerSecond()).isPositive();
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("Loaded " + summary.totalResources() + " resources")
                .contains("resources/s");
    }

    @Test
    void stopsAndReportsTheOperationOutcomeOnARejectedBundle(@TempDir Path dir) {
        generate(dir);
        failOnRequest.set(3); // organizations, bundle-00001, then bundle-00002 fails

        PopulationLoader loader = new PopulationLoader(baseUrl, 1, false, new PrintStream(new ByteArrayOutputStream()));

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(PopulationLoader.LoadFailedException.class)
                .hasMessageContaining("bundle-00002.json")
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("HAPI-0550: Invalid reference urn:uuid:nowhere");
        assertThat(received).hasSize(3); // nothing sent after the failure
    }

    @Test
    void failsClearlyWithoutGeneratedFiles(@TempDir Path empty) {
        PopulationLoader loader = new PopulationLoader(baseUrl, 2, false, new PrintStream(new ByteArrayOutputStream()));
        assertThatThrownBy(() -> loader.load(empty))
                .isInstanceOf(PopulationLoader.LoadFailedException.class)
                .hasMessageContaining("organizations.json");
        assertThat(received).isEmpty();
    }

    @Test
    void describesNonFhirErrorBodiesToo() {
        assertThat(PopulationLoader.describeError("<html>Bad gateway</html>")).isEqualTo("<html>Bad gateway</html>");
        assertThat(PopulationLoader.describeError(
                        "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
                                + "\"details\":{\"text\":\"Unknown code\"}}]}"))
                .isEqualTo("  error invalid: Unknown code");
    }

    @Test
    void cliGeneratesAndLoads(@TempDir Path dir) {
        int generateExit = SyntheticCli.commandLine()
                .execute("generate", "--patients", "120", "--seed", "5", "--units", "2", "--out", dir.toString());
        assertThat(generateExit).isZero();
        assertThat(dir.resolve("bundle-00002.json")).exists();

        int loadExit = SyntheticCli.commandLine()
                .execute(
                        "load",
                        "--in",
                        dir.toString(),
                        "--url",
                        baseUrl.toString(),
                        "--parallel",
                        "1",
                        "--no-progress");
        assertThat(loadExit).isZero();
        assertThat(received).hasSize(3);

        failOnRequest.set(received.size() + 2);
        int failedExit = SyntheticCli.commandLine()
                .execute("load", dir.toString(), "--url", baseUrl.toString(), "--no-progress");
        assertThat(failedExit).isEqualTo(1);

        assertThat(SyntheticCli.commandLine().execute("generate", "--seed", "5"))
                .isEqualTo(2); // missing options
    }
}
