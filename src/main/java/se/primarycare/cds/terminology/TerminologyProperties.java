package se.primarycare.cds.terminology;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the FHIR conformance files (CodeSystems, ValueSets, profiles, Measures) are read from.
 *
 * @param location a Spring resource location of the folder; the build copies {@code fhir-profiles/} into the
 *     jar, so the default works for {@code spring-boot:run} and for the packaged jar alike. Point it at a
 *     {@code file:} folder to load edited files without a rebuild.
 */
@ConfigurationProperties("primarycare.terminology")
public record TerminologyProperties(@DefaultValue("classpath:fhir-profiles/") String location) {}
