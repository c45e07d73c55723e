package se.primarycare.cds.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import se.primarycare.cds.PrimaryCareCdsApplication;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.CdsHttp;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;

/**
 * Stops and starts the server on the same H2 file, as an operator would, with the conformance files on disk:
 * data, terminology versions and CDS feedback survive; an edited file becomes a new version.
 */
class RestartIT {

    @TempDir
    Path work;

    @Test
    void restartKeepsDataLoadsTerminologyOnceAndPicksUpAChangedFile() throws IOException {
        Path profiles = Files.createDirectories(work.resolve("fhir-profiles"));
        try (Stream<Path> files = Files.list(Path.of("fhir-profiles"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.copy(file, profiles.resolve(file.getFileName()));
            }
        }

        String patientId;
        int codeSystems;
        try (ConfigurableApplicationContext first = start(profiles)) {
            FhirHttp fhir = http(first);
            fhir.put(
                            "Organization/vc-restart",
                            FhirHttp.FHIR
                                    .newJsonParser()
                                    .encodeResourceToString(
                                            Fixtures.unit("vc-restart", "SE2321000065-9999", "VC Omstart")))
                    .expectOk(Organization.class);
            patientId = fhir.create(Fixtures.patient("191212121212", "1912-12-12", "vc-restart"))
                    .expectOk(Patient.class)
                    .getIdElement()
                    .toUnqualifiedVersionless()
                    .getValue();
            codeSystems = fhir.count("CodeSystem");
            assertThat(version(fhir, "CodeSystem/atc")).isEqualTo("1");
            overrideABenzodiazepineCard(cds(first));
        }

        try (ConfigurableApplicationContext second = start(profiles)) {
            FhirHttp fhir = http(second);
            assertThat(fhir.get(patientId).status()).isEqualTo(200);
            assertThat(fhir.count("CodeSystem")).isEqualTo(codeSystems);
            assertThat(fhir.get("CodeSystem?url=" + FhirHttp.encode("http://www.whocc.no/atc"))
                            .expectOk(Bundle.class)
                            .getEntry())
                    .hasSize(1);
            assertThat(version(fhir, "CodeSystem/atc")).isEqualTo("1");
            assertThat(version(fhir, "ValueSet/anxiety")).isEqualTo("1");
            JsonNode rules = cds(second).get("/cds-feedback/summary").json().get("rules");
            JsonNode benzo = null;
            for (JsonNode rule : rules) {
                if (rule.get("rule").asText().equals("benzo-anxiety")) {
                    benzo = rule;
                }
            }
            assertThat(benzo).as("feedback summary after restart: " + rules).isNotNull();
            assertThat(benzo.get("shown").asInt()).isEqualTo(1);
            assertThat(benzo.get("overridden").asInt()).isEqualTo(1);
            assertThat(benzo.get("topOverrideReasons").get(0).get("code").asText())
                    .isEqualTo("non-drug-tried");

            // someone edits a contract ValueSet through the API; the next start puts the file's content back
            ValueSet edited = fhir.get("ValueSet/benzodiazepines").expectOk(ValueSet.class);
            edited.setTitle("Ändrad via API");
            fhir.put("ValueSet/benzodiazepines", FhirHttp.FHIR.newJsonParser().encodeResourceToString(edited))
                    .expectOk(ValueSet.class);
            assertThat(version(fhir, "ValueSet/benzodiazepines")).isEqualTo("2");
        }

        Path anxiety = profiles.resolve("ValueSet-anxiety.json");
        Files.writeString(anxiety, Files.readString(anxiety).replaceFirst("\"title\": \"", "\"title\": \"Ändrad: "));
        try (ConfigurableApplicationContext third = start(profiles)) {
            FhirHttp fhir = http(third);
            assertThat(version(fhir, "ValueSet/anxiety")).isEqualTo("2");
            assertThat(fhir.get("ValueSet/anxiety").expectOk(ValueSet.class).getTitle())
                    .startsWith("Ändrad: ");
            assertThat(version(fhir, "CodeSystem/atc")).isEqualTo("1");
            assertThat(version(fhir, "ValueSet/benzodiazepines")).isEqualTo("3");
            assertThat(fhir.get("ValueSet/benzodiazepines")
                            .expectOk(ValueSet.class)
                            .getTitle())
                    .isNotEqualTo("Ändrad via API");
        }
    }

    private ConfigurableApplicationContext start(Path profiles) {
        return new SpringApplicationBuilder(PrimaryCareCdsApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:"
                                + work.resolve("db").toAbsolutePath(),
                        "--primarycare.terminology.location=" + profiles.toUri());
    }

    /** Shows a benzo-anxiety card and sends the EHR's feedback that the clinician overrode it. */
    private static void overrideABenzodiazepineCard(CdsHttp cds) {
        CdsFixture fixture = CdsFixture.all().stream()
                .filter(f -> f.name().equals("benzo-anxiety/fires-active-anxiety-oxazepam.json"))
                .findFirst()
                .orElseThrow();
        JsonNode cards = cds.post("/cds-services/" + fixture.service(), fixture.request())
                .json()
                .get("cards");
        String uuid = null;
        for (JsonNode card : cards) {
            if (card.path("source").path("topic").path("code").asText().equals("benzo-anxiety")) {
                uuid = card.get("uuid").asText();
            }
        }
        assertThat(uuid).isNotNull();
        String feedback =
                """
                {"feedback": [{"card": "%s", "outcome": "overridden",
                  "overrideReason": {"reason": {"code": "non-drug-tried",
                    "system": "https://fhir.primarycare.se/CodeSystem/cds-override-reason",
                    "display": "Icke-farmakologisk behandling redan prövad"}, "userComment": "KBT 2025"},
                  "outcomeTimestamp": "2026-11-23T10:00:00Z"}]}
                """
                        .formatted(uuid);
        CdsHttp.Response response =
                cds.post("/cds-services/" + fixture.service() + "/feedback", feedback, java.util.Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    private static CdsHttp cds(ConfigurableApplicationContext context) {
        return new CdsHttp(
                ((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    private static FhirHttp http(ConfigurableApplicationContext context) {
        return new FhirHttp(
                ((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    private static String version(FhirHttp fhir, String id) {
        return fhir.get(id)
                .expectOk(org.hl7.fhir.r4.model.Resource.class)
                .getMeta()
                .getVersionId();
    }
}
