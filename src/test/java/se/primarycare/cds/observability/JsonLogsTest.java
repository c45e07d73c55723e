package se.primarycare.cds.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: JSON logs are one switch away, the {@code json-logs} profile or
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}. Each case runs in its own JVM, so switching this JVM's logging to
 * JSON cannot change what the other tests read.
 */
class JsonLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJsonLogsProfileLogsOneEcsJsonObjectPerLine() throws Exception {
        assertProbeLineIsEcsJson(probe(List.of("--spring.profiles.active=json-logs"), Map.of()));
    }

    @Test
    void theEnvironmentVariableSwitchesJsonLogsOnWithoutTheProfile() throws Exception {
        assertProbeLineIsEcsJson(probe(List.of(), Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")));
    }

    @Test
    void withoutTheSwitchLogsStayPlainText() throws Exception {
        String line = probeLine(probe(List.of(), Map.of()));
        assertThat(line).doesNotStartWith("{").contains(" INFO ");
    }

    private static void assertProbeLineIsEcsJson(List<String> output) throws IOException {
        JsonNode line = JSON.readTree(probeLine(output));
        assertThat(line.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(line.at("/log/logger").asText()).isEqualTo(JsonLogsProbe.class.getName());
        assertThat(line.at("/message").asText()).isEqualTo(JsonLogsProbe.LINE);
        assertThat(line.at("/service/name").asText()).isEqualTo("primary-care-cds");
        assertThat(line.at("/ecs/version").asText()).isNotBlank();
        assertThat(line.has("@timestamp")).isTrue();
    }

    private static String probeLine(List<String> output) {
        return output.stream()
                .filter(l -> l.contains(JsonLogsProbe.LINE))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no probe line in " + output));
    }

    private static List<String> probe(List<String> args, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(),
                JsonLogsProbe.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        builder.environment().remove("LOGGING_STRUCTURED_FORMAT_CONSOLE");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    private static String classPath() {
        if (JsonLogsTest.class.getClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs()).map(URL::getFile).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }
}
