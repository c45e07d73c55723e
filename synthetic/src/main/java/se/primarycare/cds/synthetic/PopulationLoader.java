package se.primarycare.cds.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Loads a written population into a FHIR server: {@code organizations.json} first (patients reference the
 * units and their PALs, the Practitioners in that bundle, and the server refuses a reference to a resource it does
 * not have), then, once it is stored, the patient bundles in name order with a few in flight at once. Each bundle is one
 * transaction, so a failed bundle leaves nothing half-loaded; the loader then stops and reports the
 * server's OperationOutcome, because continuing would only repeat the same error.
 */
public final class PopulationLoader {

    /** Transactions of 100 patients take seconds on a busy two-core server; allow for a slow one. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final int parallelism;
    private final boolean showProgress;
    private final PrintStream out;
    private final HttpClient client;
    private String bearerToken;

    /** What was loaded and how fast. */
    public record LoadResult(int bundles, int resources, Duration elapsed) {

        public double resourcesPerSecond() {
            double seconds = elapsed.toMillis() / 1000.0;
            return seconds == 0 ? resources : resources / seconds;
        }
    }

    /** A bundle the server did not accept; the message names the file, the HTTP status and the issues. */
    public static final class LoadFailedException extends RuntimeException {
        public LoadFailedException(String message) {
            super(message);
        }

        public LoadFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public PopulationLoader(URI baseUrl, int parallelism, boolean showProgress, PrintStream out) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        // The transaction endpoint is the base URL itself; tolerate a trailing slash in what the user typed.
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.parallelism = parallelism;
        this.showProgress = showProgress;
        this.out = out;
        // HTTP/1.1: a plain-http HTTP/2 upgrade attempt gains nothing against a servlet container.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Sends this OAuth2 access token with every bundle (the server's API is secured unless in the dev profile). */
    public PopulationLoader withBearerToken(String token) {
        this.bearerToken = token;
        return this;
    }

    public LoadResult load(Path directory) {
        Path organizations = directory.resolve(PopulationWriter.ORGANIZATIONS_FILE);
        if (!Files.isRegularFile(organizations)) {
            throw new LoadFailedException(
                    "No " + PopulationWriter.ORGANIZATIONS_FILE + " in " + directory + " (run 'generate' first)");
        }
        List<Path> bundles = bundleFiles(directory);
        long expected = expectedResources(directory);
        long started = System.nanoTime();
        AtomicInteger loaded = new AtomicInteger();
        try (ProgressBar progress = progressBar(expected)) {
            int organizationCount = post(organizations);
            loaded.addAndGet(organizationCount);
            step(progress, organizationCount);
            loadBundles(bundles, loaded, progress);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LoadResult result = new LoadResult(bundles.size() + 1, loaded.get(), elapsed);
        out.printf(
                "Loaded %d resources in %d bundles in %.1f s (%.0f resources/s) into %s%n",
                result.resources(),
                result.bundles(),
                elapsed.toMillis() / 1000.0,
                result.resourcesPerSecond(),
                baseUrl);
        return result;
    }

    private void loadBundles(List<Path> bundles, AtomicInteger loaded, ProgressBar progress) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "fhir-loader");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path bundle : bundles) {
                futures.add(pool.submit(() -> {
                    if (firstFailure.get() != null) {
                        return; // stop: do not send more after a failure
                    }
                    try {
                        int count = post(bundle);
                        loaded.addAndGet(count);
                        step(progress, count);
                    } catch (RuntimeException e) {
                        firstFailure.compareAndSet(null, e);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadFailedException("Interrupted while loading", e);
        } catch (ExecutionException e) {
            throw new LoadFailedException("Loading failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
    }

    /** POSTs one transaction bundle; returns the number of entries the server answered for. */
    private int post(Path file) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/fhir+json")
                    .header("Accept", "application/fhir+json")
                    .header("Prefer", "return=minimal")
                    .POST(HttpRequest.BodyPublishers.ofFile(file));
            if (bearerToken != null) {
                builder.header("Authorization", "Bearer " + bearerToken);
            }
            request = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoadFailedException(
                    "Cannot reach " + baseUrl + " while sending " + file.getFileName() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadFailedException("Interrupted while sending " + file.getFileName(), e);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new LoadFailedException(String.format(
                    "%s was rejected by %s: HTTP %d%n%s",
                    file.getFileName(), baseUrl, response.statusCode(), describeError(response.body())));
        }
        return countEntries(response.body());
    }

    /** The OperationOutcome's issues, one per line; the raw body (shortened) when it is not one. */
    static String describeError(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null
                    && "OperationOutcome".equals(root.path("resourceType").asText())) {
                StringBuilder text = new StringBuilder();
                for (JsonNode issue : root.path("issue")) {
                    String detail = issue.path("diagnostics")
                            .asText(issue.path("details").path("text").asText(""));
                    text.append(String.format(
                            "  %s %s: %s%n",
                            issue.path("severity").asText("?"),
                            issue.path("code").asText("?"),
                            detail));
                }
                return text.toString().stripTrailing();
            }
        } catch (IOException notJson) {
            // fall through to the raw body
        }
        String raw = body == null ? "" : body.strip();
        return raw.length() > 2000 ? raw.substring(0, 2000) + " …" : raw;
    }

    private static int countEntries(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root == null ? 0 : root.path("entry").size();
        } catch (IOException e) {
            throw new LoadFailedException("The server answered 2xx but not with a FHIR Bundle: " + e.getMessage());
        }
    }

    private static List<Path> bundleFiles(Path directory) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "bundle-*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null); // bundle-00001.json, bundle-00002.json, ... (zero-padded, so name order is number order)
        return files;
    }

    /** Total from summary.json for the progress bar; -1 (indefinite bar) when there is no summary. */
    private static long expectedResources(Path directory) {
        Path summary = directory.resolve(PopulationWriter.SUMMARY_FILE);
        if (!Files.isRegularFile(summary)) {
            return -1;
        }
        try {
            return JSON.readTree(summary.toFile()).path("totalResources").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private ProgressBar progressBar(long expected) {
        if (!showProgress) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("Loading")
                .setInitialMax(expected)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" res", 1)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .build();
    }

    private static void step(ProgressBar progress, int count) {
        if (progress != null) {
            progress.stepBy(count);
        }
    }
}
