package se.primarycare.cds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.TestIdpTokens;

/** Bulk Data export (NDJSON), system- and group-level, so a region can feed national analytics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BulkExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private static final String BEARER = "Bearer " + TestIdpTokens.withScopes("system/*.rs");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void systemAndGroupExportsContainTheStoredPatients() throws Exception {
        FhirHttp fhir = new FhirHttp(port);
        String unit = "vc-x-" + UUID.randomUUID().toString().substring(0, 8);
        fhir.putUnit(unit, "Vårdcentralen Export");
        String patient = fhir.create(Fixtures.patient("198112189876", "1981-12-18", unit))
                .expectOk(Resource.class)
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
        fhir.create(Fixtures.diagnosis(patient, "F41.1", "2025-03-01")).expectOk(Resource.class);
        Group group = new Group();
        group.setType(Group.GroupType.PERSON);
        group.setActual(true);
        group.addMember().setEntity(new Reference(patient));
        String groupId =
                fhir.create(group).expectOk(Resource.class).getIdElement().getIdPart();

        String system = exportNdjson(fhir.base() + "/$export?_type=Patient,Condition");
        assertThat(system).contains("\"id\":\"" + patient.substring("Patient/".length()) + "\"");
        assertThat(system).contains("\"resourceType\":\"Condition\"");

        String byGroup = exportNdjson(fhir.base() + "/Group/" + groupId + "/$export?_type=Patient");
        assertThat(byGroup.lines().filter(l -> !l.isBlank()).toList()).hasSize(1);
        assertThat(byGroup).contains("\"id\":\"" + patient.substring("Patient/".length()) + "\"");
    }

    /** Kicks off an export, polls its status URL until done (deadline 3 minutes), returns all NDJSON output. */
    private String exportNdjson(String kickOff) throws Exception {
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(kickOff))
                        .header("Authorization", BEARER)
                        .header("Accept", "application/fhir+json")
                        .header("Prefer", "respond-async")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String status = started.headers().firstValue("Content-Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        HttpResponse<String> done;
        do {
            assertThat(System.nanoTime()).as("export finished in time").isLessThan(deadline);
            Thread.sleep(250);
            done = http.send(
                    HttpRequest.newBuilder(URI.create(status))
                            .header("Authorization", BEARER)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } while (done.statusCode() == 202);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode manifest = JSON.readTree(done.body());
        List<String> parts = new ArrayList<>();
        for (JsonNode output : manifest.path("output")) {
            HttpResponse<String> file = http.send(
                    HttpRequest.newBuilder(URI.create(output.get("url").asText()))
                            .header("Authorization", BEARER)
                            .header("Accept", "application/fhir+ndjson")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).isEqualTo(200);
            parts.add(file.body());
        }
        return String.join("\n", parts);
    }
}
