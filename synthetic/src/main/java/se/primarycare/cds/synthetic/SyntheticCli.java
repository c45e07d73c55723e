package se.primarycare.cds.synthetic;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command line for the synthetic population: {@code generate}, {@code load} and {@code generate-and-load}.
 * Exit code 0 on success, 1 when loading fails (with the server's message), 2 for bad arguments.
 */
@Command(
        name = "synthetic",
        mixinStandardHelpOptions = true,
        description = "Deterministic synthetic Swedish primary-care population for Primary Care CDS.",
        subcommands = {SyntheticCli.Generate.class, SyntheticCli.Load.class, SyntheticCli.GenerateAndLoad.class})
public final class SyntheticCli {

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SyntheticCli());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            // A clear message, no stack trace: the failures here are the user's server or directory.
            cmd.getErr().println("Error: " + exception.getMessage());
            return 1;
        });
        return commandLine;
    }

    /** Options that decide the population. */
    static final class GenerationOptions {
        @Option(names = "--patients", required = true, description = "Number of patients.")
        int patients;

        @Option(
                names = "--seed",
                defaultValue = "" + GeneratorSettings.DEFAULT_SEED,
                description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--units", description = "Number of vårdcentraler (default: max(2, patients / 5000)).")
        Integer units;

        @Option(
                names = "--reference-date",
                defaultValue = "2026-06-30",
                converter = ReferenceDate.class,
                description = "\"Today\" of the data set: an ISO date or 'today' (default: ${DEFAULT-VALUE}; "
                        + "fixed so that a seed always gives the same data).")
        LocalDate referenceDate;

        @Option(names = "--quiet", description = "Print one line instead of the summary (e.g. in builds).")
        boolean quiet;

        @Option(
                names = "--patients-per-bundle",
                defaultValue = "" + GeneratorSettings.DEFAULT_PATIENTS_PER_BUNDLE,
                description = "Patients per transaction bundle (default: ${DEFAULT-VALUE}).")
        int patientsPerBundle;

        @Option(names = "--out", required = true, description = "Output directory.")
        Path out;

        GeneratorSettings settings() {
            int unitCount = units != null ? units : GeneratorSettings.defaultUnits(patients);
            return new GeneratorSettings(patients, seed, unitCount, referenceDate, patientsPerBundle);
        }

        PopulationSummary generate() {
            long started = System.nanoTime();
            PopulationSummary summary = PopulationWriter.generateTo(settings(), out);
            if (!quiet) {
                System.out.print(summary.toText());
            }
            System.out.printf("Written to %s in %.1f s%n", out.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
            return summary;
        }
    }

    /** An ISO date, or {@code today} for a data set whose history ends now (the dev profile's demo). */
    static final class ReferenceDate implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            return "today".equalsIgnoreCase(value)
                    ? LocalDate.now(ZoneId.of("Europe/Stockholm"))
                    : LocalDate.parse(value);
        }
    }

    /** Options that decide where and how fast to load. */
    static final class LoadOptions {
        @Option(
                names = "--url",
                defaultValue = "http://localhost:8080/fhir",
                description = "FHIR base URL (default: ${DEFAULT-VALUE}).")
        URI url;

        @Option(
                names = "--parallel",
                defaultValue = "2",
                description = "Bundles in flight at once (default: ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--no-progress", description = "Do not draw a progress bar (e.g. in CI logs).")
        boolean noProgress;

        @Option(
                names = "--token",
                defaultValue = "${env:PRIMARYCARE_TOKEN}",
                description = "OAuth2 access token with system/*.cruds (default: $PRIMARYCARE_TOKEN; not needed "
                        + "against a server in the dev profile).")
        String token;

        void load(Path directory) {
            new PopulationLoader(url, parallel, !noProgress, System.out)
                    .withBearerToken(token == null || token.isBlank() ? null : token)
                    .load(directory);
        }
    }

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Write organizations.json, bundle-NNNNN.json, ndjson/ and summary.json.")
    static final class Generate implements Callable<Integer> {
        @Mixin
        GenerationOptions generation = new GenerationOptions();

        @Override
        public Integer call() {
            generation.generate();
            return 0;
        }
    }

    @Command(
            name = "load",
            mixinStandardHelpOptions = true,
            description = "POST organizations.json, then the bundles, to a FHIR server.")
    static final class Load implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Directory written by 'generate'.")
        Path directory;

        @Option(names = "--in", description = "The same directory, as an option (older scripts).")
        Path in;

        @Mixin
        LoadOptions loading = new LoadOptions();

        @Override
        public Integer call() {
            Path source = directory != null ? directory : in;
            if (source == null) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "Missing the directory to load (load DIR)");
            }
            loading.load(source);
            return 0;
        }
    }

    @Command(
            name = "generate-and-load",
            mixinStandardHelpOptions = true,
            description = "generate, then load the written directory.")
    static final class GenerateAndLoad implements Callable<Integer> {
        @Mixin
        GenerationOptions generation = new GenerationOptions();

        @Mixin
        LoadOptions loading = new LoadOptions();

        @Override
        public Integer call() {
            generation.generate();
            loading.load(generation.out);
            return 0;
        }
    }

    /**
     * Without a logback configuration on the classpath logback logs everything at DEBUG, which buries the
     * progress bar under HAPI's start-up messages; a command-line tool only wants warnings.
     */
    private static void quietLibraryLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
