package se.primarycare.cds.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fhir-profiles/} is generated from {@code fhir-profiles/codes/*.csv} by {@code tools/generate_fhir_profiles.py}.
 * A hand edit of a generated file, or a table edit without regenerating, would make the server ship resources
 * that no longer follow from their sources; this test regenerates into a temporary folder and compares byte by byte.
 * Needs {@code python3} on the PATH (standard library only).
 */
class FhirProfilesAreGeneratedTest {

    private static final Path PROFILES = Path.of("fhir-profiles");
    private static final Path GENERATOR = Path.of("tools", "generate_fhir_profiles.py");

    @Test
    void everyFileInFhirProfilesIsWhatTheGeneratorWritesFromTheCodeTables(@TempDir Path out) throws Exception {
        generate(out);
        TreeSet<String> generated = fileNames(out);
        assertThat(generated).as("files the generator wrote").contains("README.md", "CodeSystem-kva.json");

        List<String> problems = new ArrayList<>();
        for (String name : generated) {
            Path committed = PROFILES.resolve(name);
            if (!Files.isRegularFile(committed)) {
                problems.add(name + ": generated but missing in fhir-profiles/");
            } else if (!Arrays.equals(Files.readAllBytes(committed), Files.readAllBytes(out.resolve(name)))) {
                problems.add(name + ": differs from what the generator writes");
            }
        }
        // a resource file the generator no longer writes would still be loaded by the server
        for (String name : fileNames(PROFILES)) {
            if (name.endsWith(".json") && !generated.contains(name)) {
                problems.add(name + ": in fhir-profiles/ but no longer generated (delete it or generate it)");
            }
        }
        assertThat(problems)
                .as(
                        "fhir-profiles/ is out of date; run `python3 tools/generate_fhir_profiles.py` and commit the result")
                .isEmpty();
    }

    private static void generate(Path out) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("python3", GENERATOR.toString(), "--quiet", "--out", out.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            fail("python3 is needed to check that fhir-profiles/ is generated from fhir-profiles/codes, "
                    + "but it could not be started: " + e.getMessage());
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(GENERATOR + " did not finish within 2 minutes");
        }
        assertThat(process.exitValue()).as(GENERATOR + " failed:\n" + output).isZero();
    }

    private static TreeSet<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        }
    }
}
