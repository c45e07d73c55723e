package se.primarycare.cds.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The conformance resources of {@code fhir-profiles/}, parsed strictly and checked once at start, so that a
 * broken file stops the server with a message naming it instead of giving silently wrong search results.
 */
public final class FhirProfiles {

    /** Loaded in this order: ValueSets and profiles refer to CodeSystems, Measures to ValueSets. */
    private static final List<String> LOAD_ORDER =
            List.of("CodeSystem", "ValueSet", "ConceptMap", "StructureDefinition", "Library", "Measure");

    private final List<ProfileFile> files;

    private FhirProfiles(List<ProfileFile> files) {
        this.files = List.copyOf(files);
    }

    public static FhirProfiles load(FhirContext fhirContext, String location) {
        Resource[] resources;
        try {
            String folder = location.endsWith("/") ? location : location + "/";
            resources = new PathMatchingResourcePatternResolver().getResources(folder + "*.json");
        } catch (IOException e) {
            throw new ProfileLoadException(location, "cannot list the folder: " + e.getMessage(), e);
        }
        IParser parser = fhirContext.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        List<ProfileFile> parsed = new ArrayList<>();
        for (Resource resource : resources) {
            parsed.add(parse(parser, resource));
        }
        return of(parsed);
    }

    static FhirProfiles of(List<ProfileFile> parsed) {
        if (parsed.isEmpty()) {
            throw new ProfileLoadException("", "no *.json conformance files found");
        }
        checkUnique(parsed);
        List<ProfileFile> ordered = new ArrayList<>(parsed);
        ordered.sort(Comparator.comparing((ProfileFile f) -> LOAD_ORDER.indexOf(f.resourceType()))
                .thenComparing(ProfileFile::fileName));
        return new FhirProfiles(ordered);
    }

    private static ProfileFile parse(IParser parser, Resource resource) {
        String name = resource.getFilename();
        String json;
        try (InputStream in = resource.getInputStream()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfileLoadException(name, "cannot be read: " + e.getMessage(), e);
        }
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(json);
        } catch (DataFormatException e) {
            throw new ProfileLoadException(name, "is not a valid FHIR R4 JSON resource: " + e.getMessage(), e);
        }
        if (!(parsed instanceof MetadataResource metadata) || !LOAD_ORDER.contains(parsed.fhirType())) {
            throw new ProfileLoadException(name, "resourceType " + parsed.fhirType() + " is not one of " + LOAD_ORDER);
        }
        if (!metadata.hasIdElement() || metadata.getIdElement().getIdPart() == null) {
            throw new ProfileLoadException(name, "has no id (the server stores it under that id)");
        }
        if (!metadata.hasUrl()) {
            throw new ProfileLoadException(name, "has no canonical url");
        }
        if (metadata instanceof CodeSystem codeSystem) {
            CodeSystemChecks.check(name, codeSystem);
        }
        return new ProfileFile(name, metadata);
    }

    private static void checkUnique(List<ProfileFile> parsed) {
        Set<String> ids = new HashSet<>();
        Set<String> urls = new HashSet<>();
        for (ProfileFile file : parsed) {
            String id =
                    file.resourceType() + "/" + file.resource().getIdElement().getIdPart();
            if (!ids.add(id)) {
                throw new ProfileLoadException(file.fileName(), "duplicate id " + id);
            }
            if (!urls.add(file.resourceType() + " " + file.resource().getUrl())) {
                throw new ProfileLoadException(
                        file.fileName(),
                        "duplicate canonical url " + file.resource().getUrl());
            }
        }
    }

    public List<ProfileFile> files() {
        return files;
    }

    public <T extends MetadataResource> List<T> ofType(Class<T> type) {
        return files.stream()
                .map(ProfileFile::resource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Count of files per resource type, for the start-up log. */
    public Map<String, Long> countsByType() {
        var counts = new java.util.TreeMap<String, Long>();
        files.forEach(f -> counts.merge(f.resourceType(), 1L, Long::sum));
        return counts;
    }
}
