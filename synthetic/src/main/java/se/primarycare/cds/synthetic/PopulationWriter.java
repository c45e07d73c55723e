package se.primarycare.cds.synthetic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes a population to a directory:
 *
 * <pre>
 * organizations.json          transaction Bundle, PUT Organization/&lt;fixed id&gt;, the units' PALs
 *                             Practitioner/pal-… and PractitionerRole/role-pal-… (fixed ids)
 * bundle-00001.json ...       transaction Bundles, POST with urn:uuid fullUrls, ~100 patients each
 * ndjson/&lt;Type&gt;.ndjson        the same resources one per line, ids = the UUIDs, references Type/uuid
 * summary.json                counts (see {@link PopulationSummary})
 * </pre>
 *
 * Output is byte-identical for identical settings: no timestamps, fixed file names, types in name order,
 * resources in generation order, "\n" line ends, UTF-8. Files of an earlier run with these names are removed
 * first, so a smaller population never leaves stale bundles behind for the loader.
 */
public final class PopulationWriter implements PopulationSink, AutoCloseable {

    public static final String ORGANIZATIONS_FILE = "organizations.json";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String NDJSON_DIR = "ndjson";

    private final Path directory;
    private final IParser compactParser =
            FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
    private final IParser prettyParser =
            FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true);
    private final NdjsonResources ndjson = new NdjsonResources();
    /** Open NDJSON files by resource type; a TreeMap so closing (and any listing) is in name order. */
    private final Map<String, Writer> ndjsonWriters = new TreeMap<>();

    public PopulationWriter(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory.resolve(NDJSON_DIR));
            removeEarlierOutput();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare output directory " + directory, e);
        }
    }

    /** Generates straight to disk, one bundle in memory at a time; returns the summary (also written). */
    public static PopulationSummary generateTo(GeneratorSettings settings, Path directory) {
        try (PopulationWriter writer = new PopulationWriter(directory)) {
            PopulationSummary summary = PopulationGenerator.generate(settings, writer);
            writer.writeSummary(summary);
            return summary;
        }
    }

    /** Writes a population generated in memory. */
    public static void write(Population population, Path directory) {
        try (PopulationWriter writer = new PopulationWriter(directory)) {
            writer.organizations(population.organizationBundle());
            for (int i = 0; i < population.patientBundles().size(); i++) {
                writer.patientBundle(i + 1, population.patientBundles().get(i));
            }
            writer.writeSummary(population.summary());
        }
    }

    public static String bundleFileName(int number) {
        return String.format("bundle-%05d.json", number);
    }

    @Override
    public void organizations(Bundle organizationBundle) {
        writeString(directory.resolve(ORGANIZATIONS_FILE), prettyParser.encodeResourceToString(organizationBundle));
        appendNdjson(organizationBundle);
    }

    @Override
    public void patientBundle(int number, Bundle bundle) {
        writeString(directory.resolve(bundleFileName(number)), compactParser.encodeResourceToString(bundle));
        appendNdjson(bundle);
    }

    public void writeSummary(PopulationSummary summary) {
        try {
            Files.writeString(directory.resolve(SUMMARY_FILE), summary.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        IOException failure = null;
        for (Writer writer : ndjsonWriters.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        ndjsonWriters.clear();
        if (failure != null) {
            throw new UncheckedIOException("Cannot close NDJSON files", failure);
        }
    }

    private void appendNdjson(Bundle bundle) {
        try {
            for (Resource resource : ndjson.standalone(bundle)) {
                Writer writer = ndjsonWriters.get(resource.fhirType());
                if (writer == null) {
                    writer = Files.newBufferedWriter(
                            directory.resolve(NDJSON_DIR).resolve(resource.fhirType() + ".ndjson"),
                            StandardCharsets.UTF_8);
                    ndjsonWriters.put(resource.fhirType(), writer);
                }
                writer.write(compactParser.encodeResourceToString(resource));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void removeEarlierOutput() throws IOException {
        Files.deleteIfExists(directory.resolve(ORGANIZATIONS_FILE));
        Files.deleteIfExists(directory.resolve(SUMMARY_FILE));
        try (DirectoryStream<Path> bundles = Files.newDirectoryStream(directory, "bundle-*.json")) {
            for (Path file : bundles) {
                Files.delete(file);
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.resolve(NDJSON_DIR), "*.ndjson")) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }

    private static void writeString(Path file, String json) {
        try {
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
