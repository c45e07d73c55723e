package se.primarycare.cds.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GeneratorSettings settings(long seed) {
        return new GeneratorSettings(650, seed, 3, LocalDate.of(2026, 6, 30), 100);
    }

    @Test
    void sameSeedGivesByteIdenticalDirectories(@TempDir Path first, @TempDir Path second) throws IOException {
        PopulationWriter.generateTo(settings(99), first);
        PopulationWriter.generateTo(settings(99), second);

        Map<String, byte[]> a = files(first);
        Map<String, byte[]> b = files(second);
        assertThat(a.keySet())
                .contains(
                        "organizations.json",
                        "summary.json",
                        "bundle-00001.json",
                        "bundle-00007.json",
                        "ndjson/Patient.ndjson",
                        "ndjson/Organization.ndjson",
                        "ndjson/Practitioner.ndjson",
                        "ndjson/PractitionerRole.ndjson",
                        "ndjson/MedicationRequest.ndjson");
        assertThat(a).doesNotContainKey("bundle-00008.json"); // 650 patients → 7 bundles
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String name : a.keySet()) {
            assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
        }
    }

    @Test
    void inMemoryAndStreamingOutputAreIdentical(@TempDir Path streamed, @TempDir Path inMemory) throws IOException {
        PopulationWriter.generateTo(settings(5), streamed);
        PopulationWriter.write(PopulationGenerator.generate(settings(5)), inMemory);
        Map<String, byte[]> a = files(streamed);
        Map<String, byte[]> b = files(inMemory);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void differentSeedGivesDifferentPopulation(@TempDir Path first, @TempDir Path second) throws IOException {
        PopulationWriter.generateTo(settings(1), first);
        PopulationWriter.generateTo(settings(2), second);
        for (String name : List.of("bundle-00001.json", "ndjson/Patient.ndjson", "summary.json")) {
            assertThat(Files.readAllBytes(second.resolve(name)))
                    .as(name)
                    .isNotEqualTo(Files.readAllBytes(first.resolve(name)));
        }
        // Same units: the organisations do not depend on anything random but the unit sizes.
        assertThat(Files.readString(second.resolve("organizations.json")))
                .isEqualTo(Files.readString(first.resolve("organizations.json")));
    }

    @Test
    void summaryCountsEqualWhatWasWritten(@TempDir Path dir) throws IOException {
        PopulationSummary returned = PopulationWriter.generateTo(settings(3), dir);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());

        Map<String, Integer> ndjsonCounts = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("ndjson"))) {
            for (Path file : files.toList()) {
                String type = file.getFileName().toString().replace(".ndjson", "");
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    assertThat(JSON.readTree(line).path("resourceType").asText())
                            .isEqualTo(type);
                }
                ndjsonCounts.put(type, lines.size());
            }
        }
        Map<String, Integer> bundleCounts = new TreeMap<>();
        int patientBundles = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                if (file.getFileName().toString().equals("summary.json")) {
                    continue;
                }
                patientBundles += file.getFileName().toString().startsWith("bundle-") ? 1 : 0;
                for (JsonNode entry : JSON.readTree(file.toFile()).path("entry")) {
                    bundleCounts.merge(
                            entry.path("resource").path("resourceType").asText(), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> summaryCounts = new TreeMap<>();
        summary.path("resourceCounts")
                .fields()
                .forEachRemaining(
                        f -> summaryCounts.put(f.getKey(), f.getValue().asInt()));

        assertThat(summaryCounts)
                .isEqualTo(ndjsonCounts)
                .isEqualTo(bundleCounts)
                .isEqualTo(returned.resourceCounts());
        assertThat(summaryCounts.keySet())
                .contains(
                        "Patient",
                        "Organization",
                        "Condition",
                        "MedicationRequest",
                        "Observation",
                        "Procedure",
                        "CarePlan",
                        "Practitioner",
                        "PractitionerRole",
                        "ServiceRequest");
        assertThat(summaryCounts.get("Patient")).isEqualTo(650);
        assertThat(summaryCounts.get("PractitionerRole")).isEqualTo(summaryCounts.get("Practitioner"));
        assertThat(summary.path("totalResources").asInt())
                .isEqualTo(summaryCounts.values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
        assertThat(summary.path("patientBundles").asInt())
                .isEqualTo(patientBundles)
                .isEqualTo(7);
        int perUnit = 0;
        for (JsonNode unit : summary.path("units")) {
            perUnit += unit.path("patients").asInt();
        }
        assertThat(perUnit).isEqualTo(650);
        assertThat(summary.path("patients").path("total").asInt()).isEqualTo(650);
        assertThat(summary.path("prescriptions").path("requests").asInt())
                .isEqualTo(summaryCounts.get("MedicationRequest"));
        assertThat(summary.path("sickLeave").path("periods").asInt()).isEqualTo(summaryCounts.get("Observation"));
        assertThat(summary.path("sickLeave").path("rehabPlans").asInt()
                        + summary.path("followUps").path("medicationPlans").asInt())
                .isEqualTo(summaryCounts.get("CarePlan"));
        JsonNode followUps = summary.path("followUps");
        assertThat(followUps.path("regularDoctors").asInt()).isEqualTo(summaryCounts.get("Practitioner"));
        assertThat(followUps.path("serviceRequests").asInt()).isEqualTo(summaryCounts.get("ServiceRequest"));
        assertThat(followUps.path("serviceRequestsActive").asInt()
                        + followUps.path("serviceRequestsCompleted").asInt())
                .isEqualTo(summaryCounts.get("ServiceRequest"));
        assertThat(followUps.path("patientsWithRegularDoctor").asInt()
                        + followUps.path("patientsWithoutRegularDoctor").asInt())
                .isEqualTo(650);
        int doctorsPerUnit = 0;
        for (JsonNode unit : summary.path("units")) {
            assertThat(unit.path("regularDoctors").asInt()).isBetween(2, 6);
            doctorsPerUnit += unit.path("regularDoctors").asInt();
        }
        assertThat(doctorsPerUnit).isEqualTo(summaryCounts.get("Practitioner"));
    }

    @Test
    void bundlesAreTransactionsOfAtMostOneHundredPatients(@TempDir Path dir) throws IOException {
        PopulationWriter.generateTo(settings(8), dir);
        var parser = FhirContext.forR4Cached().newJsonParser();
        Bundle organizations = parser.parseResource(Bundle.class, Files.readString(dir.resolve("organizations.json")));
        assertThat(organizations.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(organizations.getEntry()).allMatch(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.PUT);
        assertThat(organizations.getEntry().stream()
                        .filter(e -> e.getResource().fhirType().equals("Organization")))
                .hasSize(3);
        Bundle first = parser.parseResource(Bundle.class, Files.readString(dir.resolve("bundle-00001.json")));
        assertThat(first.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(first.getEntry().stream()
                        .filter(e -> e.getResource().fhirType().equals("Patient")))
                .hasSize(100);
        assertThat(first.getEntry())
                .allMatch(e ->
                        e.getFullUrl().startsWith("urn:uuid:") && e.getRequest().getMethod() == Bundle.HTTPVerb.POST);
        Bundle last = parser.parseResource(Bundle.class, Files.readString(dir.resolve("bundle-00007.json")));
        assertThat(last.getEntry().stream()
                        .filter(e -> e.getResource().fhirType().equals("Patient")))
                .hasSize(50);
    }

    @Test
    void ndjsonResourcesHaveIdsAndResolvableReferences(@TempDir Path dir) throws IOException {
        PopulationWriter.generateTo(settings(4), dir);
        Set<String> ids = new HashSet<>();
        Map<String, List<String>> references = new HashMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("ndjson"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode resource = JSON.readTree(line);
                    String id = resource.path("resourceType").asText() + "/"
                            + resource.path("id").asText();
                    assertThat(ids.add(id)).as(id).isTrue();
                    references.put(id, resource.findValuesAsText("reference"));
                }
            }
        }
        assertThat(references.values().stream().flatMap(List::stream))
                .isNotEmpty()
                .allMatch(ids::contains)
                .noneMatch(r -> r.startsWith("urn:uuid:"));
    }

    @Test
    void palsAreWrittenWithTheUnitsBeforeEveryPatientBundle(@TempDir Path dir) throws IOException {
        PopulationWriter.generateTo(settings(9), dir);
        var parser = FhirContext.forR4Cached().newJsonParser();
        Bundle organizations = parser.parseResource(Bundle.class, Files.readString(dir.resolve("organizations.json")));
        Set<String> first = new HashSet<>();
        for (Bundle.BundleEntryComponent entry : organizations.getEntry()) {
            first.add(entry.getRequest().getUrl());
        }
        assertThat(first).anyMatch(url -> url.startsWith("Practitioner/pal-"));
        Set<String> referencedPals = new HashSet<>();
        int patients = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("bundle-"))
                    .sorted()
                    .toList()) {
                JsonNode bundle = JSON.readTree(file.toFile());
                for (JsonNode entry : bundle.path("entry")) {
                    assertThat(entry.path("resource").path("resourceType").asText())
                            .isNotIn("Organization", "Practitioner", "PractitionerRole");
                    patients +=
                            entry.path("resource").path("resourceType").asText().equals("Patient") ? 1 : 0;
                }
                bundle.findValuesAsText("reference").stream()
                        .filter(r -> r.startsWith("Practitioner/"))
                        .forEach(referencedPals::add);
            }
        }
        // every PAL a patient bundle names is in organizations.json, which the loader sends (and the server
        // stores) first; the contract's PAL is always a Practitioner
        assertThat(referencedPals).isNotEmpty().isSubsetOf(first);
        assertThat(patients).isEqualTo(650);
    }

    @Test
    void rewritingADirectoryRemovesStaleBundles(@TempDir Path dir) throws IOException {
        PopulationWriter.generateTo(settings(6), dir);
        assertThat(dir.resolve("bundle-00007.json")).exists();
        PopulationWriter.generateTo(new GeneratorSettings(150, 6, 2, LocalDate.of(2026, 6, 30), 100), dir);
        assertThat(dir.resolve("bundle-00002.json")).exists();
        assertThat(dir.resolve("bundle-00003.json")).doesNotExist();
        assertThat(dir.resolve("bundle-00007.json")).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("ndjson/Patient.ndjson"))).hasSize(150);
    }

    /** Every file under {@code root} by relative path (with '/'), sorted. */
    static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
