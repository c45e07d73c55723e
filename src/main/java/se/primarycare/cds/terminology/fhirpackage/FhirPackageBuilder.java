package se.primarycare.cds.terminology.fhirpackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Publishes {@code fhir-profiles/*.json} as a FHIR NPM package (the format IG publishers, validators and
 * terminology servers load): {@code <target>/fhir-package/package/} with {@code package.json}, {@code .index.json},
 * every resource and an ImplementationGuide listing them, and the same folder as
 * {@code <target>/se.primarycare.cds-<version>.tgz}. Run by the build ({@code process-classes}) so that tests can
 * validate the package it produced.
 *
 * <p>Usage: {@code FhirPackageBuilder <fhir-profiles dir> <target dir> <version>}
 */
public final class FhirPackageBuilder {

    public static final String PACKAGE_ID = "se.primarycare.cds";
    public static final String CANONICAL = "https://fhir.primarycare.se";
    public static final String FHIR_VERSION = "4.0.1";
    static final String CORE_PACKAGE = "hl7.fhir.r4.core";
    /**
     * No open licence covers the content: ATC may not be redistributed commercially (WHO), ICD-10-SE and KVÅ are
     * Socialstyrelsen's. "not-open-source" is the SPDX-list value FHIR packages and ImplementationGuides use then.
     */
    static final String LICENSE = "not-open-source";

    static final String TITLE = "Primary Care CDS";
    static final String DESCRIPTION =
            "FHIR R4 conformance resources of Primary Care CDS: profiles of the data contract, "
                    + "code systems (subsets of ATC, ICD-10-SE and KVÅ, and our own), value sets, quality-indicator Measures "
                    + "and a ConceptMap from RxNorm to ATC.";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path sourceDir;
    private final String version;

    FhirPackageBuilder(Path sourceDir, String version) {
        this.sourceDir = sourceDir;
        this.version = version;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: FhirPackageBuilder <fhir-profiles dir> <target dir> <package version>");
        }
        Path tgz = new FhirPackageBuilder(Path.of(args[0]), args[2]).build(Path.of(args[1]));
        System.out.println("FHIR package written: " + tgz);
    }

    /** Writes the package folder and archive below {@code targetDir}; returns the archive. */
    Path build(Path targetDir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<ObjectNode> resources = new ArrayList<>();
        for (Path source : sourceFiles()) {
            ObjectNode resource = (ObjectNode) JSON.readTree(source.toFile());
            String name = source.getFileName().toString();
            if (publishAsFragment(resource)) {
                resource.put("content", "fragment");
                // count is the size of the whole code system, which a fragment does not know
                resource.remove("count");
                files.put(name, JSON.writeValueAsBytes(resource));
            } else {
                files.put(name, Files.readAllBytes(source));
            }
            resources.add(resource);
        }
        ObjectNode guide = new ImplementationGuideJson(version).build(resources);
        String guideFile = "ImplementationGuide-" + PACKAGE_ID + ".json";
        files.put(guideFile, JSON.writeValueAsBytes(guide));

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package.json", JSON.writeValueAsBytes(packageJson()));
        entries.put(".index.json", JSON.writeValueAsBytes(index(files)));
        entries.putAll(files);

        Path folder = targetDir.resolve("fhir-package").resolve("package");
        deleteRecursively(folder);
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            Files.write(folder.resolve(entry.getKey()), entry.getValue());
        }
        Path tgz = targetDir.resolve(PACKAGE_ID + "-" + version + ".tgz");
        try (TarGzWriter tar = new TarGzWriter(tgz)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                tar.add("package/" + entry.getKey(), entry.getValue());
            }
        }
        return tgz;
    }

    /**
     * ATC, ICD-10-SE and KVÅ keep their official URLs but we hold only the codes we need. The server's copy says
     * {@code complete} because HAPI's JPA store indexes concepts only then; a validator reading the package must not
     * take the subset for the whole system and reject valid codes, so the package says {@code fragment}.
     */
    static boolean publishAsFragment(ObjectNode resource) {
        return "CodeSystem".equals(resource.path("resourceType").asText())
                && !resource.path("url").asText().startsWith(CANONICAL + "/");
    }

    private List<Path> sourceFiles() throws IOException {
        try (Stream<Path> listing = Files.list(sourceDir)) {
            List<Path> json = listing.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            if (json.isEmpty()) {
                throw new IOException("no *.json in " + sourceDir.toAbsolutePath());
            }
            return json;
        }
    }

    private ObjectNode packageJson() {
        ObjectNode npm = JSON.createObjectNode();
        npm.put("name", PACKAGE_ID);
        npm.put("version", version);
        npm.put("canonical", CANONICAL);
        npm.put("url", CANONICAL);
        npm.put("title", TITLE);
        npm.put("description", DESCRIPTION);
        npm.putArray("fhirVersions").add(FHIR_VERSION);
        npm.putObject("dependencies").put(CORE_PACKAGE, FHIR_VERSION);
        npm.put("author", TITLE);
        npm.put("license", LICENSE);
        npm.put("type", "fhir.ig");
        npm.put("jurisdiction", "urn:iso:std:iso:3166#SE");
        return npm;
    }

    /** {@code .index.json}, index-version 1: what a package loader reads instead of opening every file. */
    private static ObjectNode index(Map<String, byte[]> files) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("index-version", 1);
        ArrayNode entries = index.putArray("files");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            ObjectNode resource = (ObjectNode) JSON.readTree(file.getValue());
            ObjectNode entry = entries.addObject();
            entry.put("filename", file.getKey());
            for (String field : List.of("resourceType", "id", "url", "version", "kind", "type")) {
                // Measure.type is a list of CodeableConcepts; the index carries only string values
                if (resource.path(field).isTextual()) {
                    entry.put(field, resource.get(field).asText());
                }
            }
        }
        return index;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
