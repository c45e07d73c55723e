package se.primarycare.cds.terminology.fhirpackage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * The package the build wrote into {@code target/} (exec-maven-plugin, phase process-classes), read as a
 * consumer reads it: the tgz through HAPI's NpmPackage loader, which also reads {@code package.json} and
 * {@code .index.json}.
 */
final class BuiltFhirPackage {

    static final Path TARGET = Path.of("target");

    private BuiltFhirPackage() {}

    static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> archives = files.filter(
                            p -> p.getFileName().toString().matches("se\\.primarycare\\.cds-.+\\.tgz"))
                    .toList();
            assertThat(archives)
                    .as("the FHIR package in target/ (built in process-classes; run the tests through Maven)")
                    .hasSize(1);
            return archives.get(0);
        }
    }

    static Path folder() {
        return TARGET.resolve("fhir-package").resolve("package");
    }

    static NpmPackage load() throws IOException {
        try (InputStream in = Files.newInputStream(archive())) {
            return NpmPackage.fromPackage(in);
        }
    }
}
