package se.primarycare.cds.terminology.fhirpackage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package the build wrote follows the FHIR package conventions and holds every fhir-profiles resource. */
class FhirPackageContentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROFILES = Path.of("fhir-profiles");

    private static NpmPackage npm;

    @BeforeAll
    static void load() throws IOException {
        npm = BuiltFhirPackage.load();
    }

    @Test
    void packageJsonNamesThePackageThePomVersionR4AndTheCoreDependency() throws IOException {
        assertThat(npm.name()).isEqualTo("se.primarycare.cds");
        assertThat(npm.version()).isEqualTo(pomVersion());
        assertThat(BuiltFhirPackage.archive().getFileName().toString())
                .isEqualTo("se.primarycare.cds-" + pomVersion() + ".tgz");
        assertThat(npm.fhirVersionList()).isEqualTo("4.0.1");
        assertThat(npm.canonical()).isEqualTo("https://fhir.primarycare.se");
        assertThat(npm.dependencies()).containsExactly("hl7.fhir.r4.core#4.0.1");
        JsonNode packageJson =
                JSON.readTree(BuiltFhirPackage.folder().resolve("package.json").toFile());
        assertThat(packageJson.path("type").asText()).isEqualTo("fhir.ig");
        assertThat(packageJson.path("license").asText()).isNotBlank();
        assertThat(packageJson.path("description").asText()).isNotBlank();
    }

    @Test
    void everyFhirProfilesFileIsInThePackageAndEveryProfileIsListedAsOne() throws IOException {
        List<String> sources = profileFiles();
        assertThat(npm.list("package")).containsAll(sources);
        List<String> profiles = sources.stream()
                .filter(f -> f.startsWith("StructureDefinition-"))
                .toList();
        assertThat(profiles).hasSizeGreaterThanOrEqualTo(10);
        assertThat(npm.listResources("StructureDefinition")).containsExactlyInAnyOrderElementsOf(profiles);
        assertThat(npm.listResources("ImplementationGuide"))
                .containsExactly("ImplementationGuide-se.primarycare.cds.json");
    }

    @Test
    void theArchiveHoldsExactlyTheFilesOfThePackageFolderUnderPackage() throws IOException {
        Map<String, byte[]> archived = new HashMap<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(BuiltFhirPackage.archive())))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                archived.put(entry.getName(), tar.readAllBytes());
            }
        }
        Map<String, byte[]> folder = new HashMap<>();
        try (Stream<Path> files = Files.list(BuiltFhirPackage.folder())) {
            for (Path file : files.toList()) {
                folder.put("package/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        assertThat(archived.keySet())
                .contains("package/package.json", "package/.index.json")
                .containsExactlyInAnyOrderElementsOf(folder.keySet());
        folder.forEach((name, bytes) -> assertThat(archived.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void theIndexGivesEveryResourceFileItsTypeIdUrlAndVersion() throws IOException {
        JsonNode index =
                JSON.readTree(BuiltFhirPackage.folder().resolve(".index.json").toFile());
        assertThat(index.path("index-version").asInt()).isEqualTo(1);
        Map<String, JsonNode> entries = new HashMap<>();
        index.path("files").forEach(e -> entries.put(e.path("filename").asText(), e));
        List<String> resourceFiles = new ArrayList<>(profileFiles());
        resourceFiles.add("ImplementationGuide-se.primarycare.cds.json");
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(resourceFiles);
        for (String file : resourceFiles) {
            JsonNode resource =
                    JSON.readTree(BuiltFhirPackage.folder().resolve(file).toFile());
            JsonNode entry = entries.get(file);
            for (String field : List.of("resourceType", "id", "url", "version")) {
                assertThat(entry.path(field).asText())
                        .as(file + " " + field)
                        .isEqualTo(resource.path(field).asText());
            }
            if (file.startsWith("StructureDefinition-")) {
                assertThat(entry.path("kind").asText()).as(file).isEqualTo("resource");
                assertThat(entry.path("type").asText())
                        .as(file)
                        .isEqualTo(resource.path("type").asText());
            }
        }
    }

    @Test
    void theImplementationGuideListsEveryResourceAndDependsOnR4Core() throws IOException {
        JsonNode guide = JSON.readTree(BuiltFhirPackage.folder()
                .resolve("ImplementationGuide-se.primarycare.cds.json")
                .toFile());
        assertThat(guide.path("packageId").asText()).isEqualTo("se.primarycare.cds");
        assertThat(guide.path("version").asText()).isEqualTo(pomVersion());
        assertThat(guide.path("fhirVersion").get(0).asText()).isEqualTo("4.0.1");
        assertThat(guide.path("dependsOn").get(0).path("packageId").asText()).isEqualTo("hl7.fhir.r4.core");
        List<String> listed = new ArrayList<>();
        guide.path("definition")
                .path("resource")
                .forEach(r -> listed.add(r.path("reference").path("reference").asText()));
        List<String> expected = new ArrayList<>();
        for (String file : profileFiles()) {
            JsonNode resource = JSON.readTree(PROFILES.resolve(file).toFile());
            expected.add(resource.path("resourceType").asText() + "/"
                    + resource.path("id").asText());
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theOfficialSystemsSubsetsArePublishedAsFragmentsWhileTheServerCopyStaysComplete() throws IOException {
        for (String file : List.of("CodeSystem-atc.json", "CodeSystem-icd-10-se.json", "CodeSystem-kva.json")) {
            JsonNode published =
                    JSON.readTree(BuiltFhirPackage.folder().resolve(file).toFile());
            JsonNode loaded = JSON.readTree(PROFILES.resolve(file).toFile());
            assertThat(published.path("content").asText()).as(file).isEqualTo("fragment");
            assertThat(published.has("count")).as(file).isFalse();
            assertThat(loaded.path("content").asText()).as(file).isEqualTo("complete");
            assertThat(published.path("concept")).as(file).isEqualTo(loaded.path("concept"));
        }
        JsonNode ours = JSON.readTree(
                BuiltFhirPackage.folder().resolve("CodeSystem-cds-rule.json").toFile());
        assertThat(ours.path("content").asText()).isEqualTo("complete");
    }

    private static List<String> profileFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROFILES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private static String pomVersion() throws IOException {
        // The parent pom carries the one version of every module.
        Matcher m = Pattern.compile("<artifactId>primary-care-cds-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("project version in the parent pom.xml").isTrue();
        return m.group(1);
    }
}
