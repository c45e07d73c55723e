package se.primarycare.cds.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import se.primarycare.cds.support.TestEhrTokens;
import se.primarycare.cds.support.TestIdpTokens;

/**
 * Sends each bad input to a running server and checks the three promises: no 5xx, no stack trace in the body,
 * and a refused write leaves the store exactly as it was (checked with version counts of the types written).
 */
public final class FuzzRunner {

    private static final Pattern STACK_FRAME = Pattern.compile("\\.java:\\d+\\)");

    /** A qualified exception class name ending at the end of the text looked at. */
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*$");

    /**
     * Signs of a leaked stack trace: a frame ({@code .java:123)}, a tab-indented {@code at}) or a qualified
     * exception class. Looked for around fixed markers, so a megabyte of echoed input cannot make it slow.
     */
    static boolean leaksStackTrace(String body) {
        if (body.contains("\tat ") || STACK_FRAME.matcher(body).find()) {
            return true;
        }
        for (int at = body.indexOf("Exception"); at >= 0; at = body.indexOf("Exception", at + 1)) {
            if (EXCEPTION_CLASS
                    .matcher(body.substring(Math.max(0, at - 120), at))
                    .find()) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> WRITTEN_TYPES =
            List.of("Patient", "Condition", "MedicationRequest", "Observation", "Organization");

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String fhirToken = TestIdpTokens.withScopes(TestIdpTokens.ALL);

    public FuzzRunner(String base) {
        this.base = base;
    }

    /** What the run found; {@code problems} names each broken promise with its case. */
    public record Report(
            int cases, int serverErrors, int stackTraces, int storeChanged, int refused, List<String> problems) {}

    public Report run(List<FuzzCase> cases) throws Exception {
        int serverErrors = 0;
        int stackTraces = 0;
        int storeChanged = 0;
        int refused = 0;
        List<String> problems = new ArrayList<>();
        for (FuzzCase fuzz : cases) {
            List<String> before = fuzz.isWrite() ? storeVersions() : List.of();
            HttpResponse<String> response = send(fuzz);
            int status = response.statusCode();
            if (status >= 400) {
                refused++;
            }
            if (status >= 500) {
                serverErrors++;
                problems.add(status + " for " + fuzz.name() + " " + fuzz.method() + " " + shorten(fuzz.path()) + ": "
                        + shorten(response.body()));
            }
            if (leaksStackTrace(response.body())) {
                stackTraces++;
                problems.add("stack trace for " + fuzz.name() + ": " + shorten(response.body()));
            }
            if (fuzz.isWrite() && status >= 400 && !storeVersions().equals(before)) {
                storeChanged++;
                problems.add("store changed by refused (" + status + ") " + fuzz.name());
            }
        }
        return new Report(cases.size(), serverErrors, stackTraces, storeChanged, refused, problems);
    }

    private HttpResponse<String> send(FuzzCase fuzz) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + escapeIllegal(fuzz.path())))
                .timeout(Duration.ofSeconds(60))
                .method(fuzz.method(), HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
        fuzz.headers().forEach(request::header);
        switch (fuzz.auth()) {
            case FHIR -> request.header("Authorization", "Bearer " + fhirToken);
            case CDS ->
                request.header(
                        "Authorization",
                        "Bearer " + TestEhrTokens.withClaims(base + fuzz.path(), c -> c.subject("fuzzer")));
            case NONE -> {}
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Per written type: how many resources there are and the newest version's id and time. A create or delete
     * changes the count, an update the newest version. (Not history counts: HAPI caches those. Sorted by id as
     * well: the resources of one transaction share their lastUpdated.)
     */
    private List<String> storeVersions() throws IOException, InterruptedException {
        List<String> state = new ArrayList<>();
        for (String type : WRITTEN_TYPES) {
            String total = firstMatch(TOTAL, get("/fhir/" + type + "?_summary=count"));
            String newest = firstMatch(META, get("/fhir/" + type + "?_sort=-_lastUpdated,-_id&_count=1&_elements=id"));
            if (!total.equals("0") && newest.equals("none")) {
                throw new IllegalStateException("the store probe cannot see the newest " + type + "'s version");
            }
            state.add(type + " " + total + " " + newest);
        }
        return state;
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + escapeIllegal(path)))
                                .header("Authorization", "Bearer " + fhirToken)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    /** The newest resource's id and version (the search Bundle's own meta has no versionId). */
    private static final Pattern META =
            Pattern.compile("(\"id\":\"[^\"]+\",\"meta\":\\{\"versionId\":\"\\d+\",\"lastUpdated\":\"[^\"]+\")");

    private static String firstMatch(Pattern pattern, String body) {
        var m = pattern.matcher(body);
        return m.find() ? m.group(1) : "none";
    }

    /** What a client library would do with characters a URI cannot carry as they are (e.g. '|', quotes). */
    static String escapeIllegal(String path) {
        StringBuilder escaped = new StringBuilder(path.length());
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0)) {
                escaped.append(c);
            } else {
                escaped.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return escaped.toString();
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
