package se.primarycare.cds.demo;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The synthetic demo population loaded at start so that a first run shows something (the README's quick start).
 *
 * @param enabled load it at start; on in the dev profile only, because it writes invented patients into the store
 * @param directory a population written by the synthetic generator ({@code organizations.json} and
 *     {@code bundle-*.json}); the build writes one with 300 patients and today's date to the default location
 */
@ConfigurationProperties("primarycare.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled, @DefaultValue("synthetic/target/demo-population") Path directory) {}
