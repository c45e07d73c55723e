package se.primarycare.cds.terminology.fhirpackage;

import static se.primarycare.cds.terminology.fhirpackage.FhirPackageBuilder.CANONICAL;
import static se.primarycare.cds.terminology.fhirpackage.FhirPackageBuilder.CORE_PACKAGE;
import static se.primarycare.cds.terminology.fhirpackage.FhirPackageBuilder.FHIR_VERSION;
import static se.primarycare.cds.terminology.fhirpackage.FhirPackageBuilder.PACKAGE_ID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The ImplementationGuide resource of the package: its identity (packageId, version, FHIR version), the core
 * package it depends on, and every resource of the package in {@code definition.resource}, which is how IG-aware
 * tools find what a package defines.
 */
final class ImplementationGuideJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String version;

    ImplementationGuideJson(String version) {
        this.version = version;
    }

    ObjectNode build(List<ObjectNode> resources) {
        ObjectNode guide = NODES.objectNode();
        guide.put("resourceType", "ImplementationGuide");
        guide.put("id", PACKAGE_ID);
        guide.put("url", CANONICAL + "/ImplementationGuide/" + PACKAGE_ID);
        guide.put("version", version);
        guide.put("name", "PrimaryCareCDS");
        guide.put("title", FhirPackageBuilder.TITLE);
        guide.put("status", "active");
        guide.put("publisher", FhirPackageBuilder.TITLE);
        guide.put("description", FhirPackageBuilder.DESCRIPTION);
        guide.putArray("jurisdiction")
                .addObject()
                .putArray("coding")
                .addObject()
                .put("system", "urn:iso:std:iso:3166")
                .put("code", "SE");
        guide.put("packageId", PACKAGE_ID);
        guide.put("license", FhirPackageBuilder.LICENSE);
        guide.putArray("fhirVersion").add(FHIR_VERSION);
        guide.putArray("dependsOn")
                .addObject()
                .put("id", "hl7_fhir_r4_core")
                .put("uri", "http://hl7.org/fhir/ImplementationGuide/fhir")
                .put("packageId", CORE_PACKAGE)
                .put("version", FHIR_VERSION);
        ArrayNode listed = guide.putObject("definition").putArray("resource");
        for (ObjectNode resource : resources) {
            ObjectNode entry = listed.addObject();
            entry.putObject("reference")
                    .put(
                            "reference",
                            resource.path("resourceType").asText() + "/"
                                    + resource.path("id").asText());
            String name = resource.hasNonNull("title")
                    ? resource.get("title").asText()
                    : resource.path("name").asText();
            entry.put("name", name);
            entry.put("exampleBoolean", false);
        }
        return guide;
    }
}
