package se.primarycare.cds.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The server started as its own JVM for a benchmark, so boot time and memory are those an operator sees. */
public final class ServerProcess implements AutoCloseable {

    private static final String READINESS = "/actuator/health/readiness";

    private final Process process;
    final int port;
    public final double bootSeconds;

    private ServerProcess(Process process, int port, double bootSeconds) {
        this.process = process;
        this.port = port;
        this.bootSeconds = bootSeconds;
    }

    public static ServerProcess start(List<String> args, Path log) throws Exception {
        return start(
                List.of("-cp", classPath(), "se.primarycare.cds.PrimaryCareCdsApplication"),
                args,
                log,
                true,
                READINESS);
    }

    /** This server from a built jar, measured as an operator runs it. */
    public static ServerProcess startThisJar(Path jar, List<String> jvmFlags, List<String> args, Path log)
            throws Exception {
        List<String> launcher = new ArrayList<>(jvmFlags);
        launcher.addAll(List.of("-jar", jar.toString()));
        return start(launcher, args, log, true, READINESS);
    }

    /**
     * Another FHIR server (HAPI's jpaserver-starter) as a benchmark peer: ready when {@code /fhir/metadata}
     * answers, with no arguments of this server's own.
     */
    public static ServerProcess startPeer(Path war, List<String> jvmFlags, List<String> args, Path log)
            throws Exception {
        List<String> launcher = new ArrayList<>(jvmFlags);
        launcher.addAll(List.of("-jar", war.toString()));
        return start(launcher, args, log, false, "/fhir/metadata");
    }

    /** With the security of the tests' configuration (test identity provider and test EHR), as in production. */
    public static ServerProcess startSecured(List<String> args, Path log) throws Exception {
        return start(
                List.of("-cp", classPath(), "se.primarycare.cds.PrimaryCareCdsApplication"),
                args,
                log,
                false,
                READINESS);
    }

    public int port() {
        return port;
    }

    /** A server from a built jar, e.g. an earlier version of this server as a benchmark peer. */
    public static ServerProcess startJar(Path jar, List<String> args, Path log) throws Exception {
        return start(List.of("-jar", jar.toString()), args, log, true, READINESS);
    }

    private static ServerProcess start(
            List<String> launcher, List<String> args, Path log, boolean securityOff, String readyPath)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (launcher.stream().noneMatch(flag -> flag.startsWith("-Xmx"))) {
            command.addAll(List.of("-XX:+UseSerialGC", "-Xmx1g"));
        }
        // set by the integration tests' runner only: benchmarks measure the server as operators run it
        String testFlags = System.getProperty("primarycare.test.server-jvm-flags", "");
        if (!testFlags.isBlank()) {
            command.addAll(List.of(testFlags.trim().split("\\s+")));
        }
        command.addAll(launcher);
        command.add("--server.port=" + port);
        if (securityOff) {
            // benchmarks measure the server's work, not token handling: both checks off, as in the dev profile
            command.addAll(List.of("--primarycare.security.enabled=false", "--primarycare.cds.security.enabled=false"));
        }
        command.addAll(args);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        waitForReady("http://localhost:" + port + readyPath, process);
        return new ServerProcess(process, port, (System.nanoTime() - started) / 1e9);
    }

    /** The server's database: this embedded PostgreSQL, or (when null) an H2 file in {@code work}. */
    public static List<String> databaseArgs(EmbeddedPostgres postgres, Path work) {
        if (postgres == null) {
            return List.of("--spring.datasource.url=jdbc:h2:file:" + work.resolve("db"));
        }
        return List.of(
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=");
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public long rssMiB() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst()
                        .orElse(-1L)
                / 1024;
    }

    /** SIGKILL: no shutdown hooks, no flushing, as when the machine loses power or the OOM killer strikes. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private static void waitForReady(String url, Process server) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited with " + server.exitValue());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready within 3 minutes");
    }

    private static String classPath() {
        if (ServerProcess.class.getClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs()).map(URL::getFile).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
