package dev.kiln.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.agent.backend.ComputeType;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.agent.backend.docker.DefaultImage;
import dev.kiln.agent.backend.docker.DockerBackend;
import dev.kiln.agent.backend.process.ProcessBackend;
import dev.kiln.agent.engine.ArtifactSettings;
import dev.kiln.agent.engine.BuildIdentity;
import dev.kiln.agent.engine.BuildLog;
import dev.kiln.agent.engine.BuildRequest;
import dev.kiln.agent.engine.BuildRunner;
import dev.kiln.agent.engine.BuildspecSource;
import dev.kiln.agent.engine.CacheSettings;
import dev.kiln.agent.secret.SecretProvider;
import dev.kiln.agent.source.GitCredentials;
import dev.kiln.agent.source.GitSourceFetcher;
import dev.kiln.agent.source.SecondarySource;
import dev.kiln.agent.source.Source;
import dev.kiln.kit.Failures;
import dev.kiln.kit.KitException;
import dev.kiln.kit.cli.InvalidOptionException;
import dev.kiln.kit.engine.RegistryCredentials;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.ArtifactStores;
import dev.kiln.kit.store.LocalDirectoryArtifactStore;
import dev.kiln.model.build.Build;
import dev.kiln.model.build.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln build}: one CodeBuild-compatible build of a local source tree, in a fresh container. */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a buildspec on a source tree in a fresh container, phase by phase, as AWS CodeBuild does.",
            "",
            "Exit status: 0 SUCCEEDED, 1 FAILED, 2 invalid input, 3 FAULT, 4 TIMED_OUT, 5 STOPPED."
        })
public final class BuildCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BuildCommand.class);

    @Option(
            names = "--source",
            paramLabel = "DIR|GIT_URL",
            defaultValue = ".",
            description = "Source: a directory (default: .), a git repository (https, ssh, file:// or a"
                    + " repository's path with --source-version) or a zip archive (path or http(s) URL), fetched in"
                    + " DOWNLOAD_SOURCE; or NO_SOURCE with --buildspec FILE.")
    private String source = ".";

    @Option(
            names = "--source-version",
            paramLabel = "VERSION",
            description = "For a git source: a branch, tag, commit id or pr/N (default: the default branch).")
    private @Nullable String sourceVersion;

    @Option(names = "--git-clone-depth", paramLabel = "N", description = "For a git source: a shallow clone.")
    private @Nullable Integer cloneDepth;

    @Option(names = "--git-submodules", description = "For a git source: fetch its submodules too.")
    private boolean submodules;

    @Option(
            names = "--secondary-source",
            paramLabel = "ID=LOCATION[@VERSION]",
            description = "A further source at $CODEBUILD_SRC_DIR_<ID>: a directory, git URL (@VERSION: branch, tag,"
                    + " commit or pr/N) or zip archive. Repeatable.")
    private List<String> secondarySources = new ArrayList<>();

    @Option(
            names = "--buildspec",
            paramLabel = "FILE",
            description = "Buildspec file (default: buildspec.yml in the source); a relative path is looked up in"
                    + " the current directory, then in the source.")
    private @Nullable Path buildspec;

    @Option(
            names = "--image",
            paramLabel = "IMAGE",
            description = "Build image (default: $KILN_DEFAULT_IMAGE or " + DefaultImage.REFERENCE
                    + ", built locally from Debian packages on first use).")
    private @Nullable String image;

    @Option(
            names = {"-e", "--env"},
            paramLabel = "NAME=VALUE",
            description = "A variable for the build; overrides the buildspec's. Repeatable.")
    private Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--artifacts",
            paramLabel = "DIR|s3://BUCKET[/PREFIX]",
            description = "Where artifact ZIPs go: a directory (default: in the data directory, printed at the end)"
                    + " or an S3-compatible bucket (server $KILN_S3_ENDPOINT, keys $AWS_ACCESS_KEY_ID and"
                    + " $AWS_SECRET_ACCESS_KEY).")
    private @Nullable String artifacts;

    @Option(
            names = "--timeout",
            paramLabel = "MINUTES",
            defaultValue = "60",
            description = "Build timeout in minutes; fractions allowed (default: 60).")
    private double timeoutMinutes;

    @Option(
            names = "--compute-type",
            paramLabel = "TYPE",
            defaultValue = "BUILD_GENERAL1_SMALL",
            description = "BUILD_GENERAL1_SMALL (default), _MEDIUM, _LARGE, _XLARGE or _2XLARGE: memory and CPU"
                    + " limits, capped to the host.")
    private String computeType = "BUILD_GENERAL1_SMALL";

    @Option(names = "--privileged", description = "Run the build container privileged (for Docker builds).")
    private boolean privileged;

    @Option(
            names = "--backend",
            paramLabel = "NAME",
            defaultValue = "docker",
            description = "docker (default: Docker or Podman through the Docker Engine API) or process (host"
                    + " processes, not isolated).")
    private String backendName = "docker";

    @Option(
            names = "--artifact-namespace",
            paramLabel = "NONE|BUILD_ID",
            defaultValue = "NONE",
            description = "BUILD_ID puts artifacts under the build's id: <s3-prefix>/<build-id>/<name>.zip.")
    private String artifactNamespace = "NONE";

    @Option(
            names = "--artifact-packaging",
            paramLabel = "ZIP|NONE",
            defaultValue = "ZIP",
            description = "ZIP (default): one archive per artifact; NONE: the files as they are, under a folder"
                    + " named after the artifact.")
    private ArtifactSettings.Packaging packaging = ArtifactSettings.Packaging.ZIP;

    @Option(
            names = "--reports",
            paramLabel = "DIR",
            description = "Write each test report of the buildspec's reports section as DIR/<group>.json.")
    private @Nullable Path reportsDir;

    @Option(names = "--project", paramLabel = "NAME", description = "Project name (default: the source folder's).")
    private @Nullable String project;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default), or json: the log goes to stderr and stdout holds only the final Build"
                    + " object, as BatchGetBuilds returns it.")
    private @Nullable OutputFormat output;

    @Mixin
    private CacheOptions caches = new CacheOptions();

    @Mixin
    private AccessOptions access = new AccessOptions();

    @Override
    public Integer call() throws IOException {
        try {
            return run();
        } catch (InvalidOptionException e) {
            return invalid(Failures.message(e));
        }
    }

    private int run() throws IOException {
        LOG.debug("build command started");
        Map<String, String> hostEnv = System.getenv();
        String defaultImage = hostEnv.getOrDefault("KILN_DEFAULT_IMAGE", DefaultImage.REFERENCE);
        RegistryCredentials pullLogins = access.pullLogins();
        ExecutionBackend backend = switch (backendName) {
            case "docker" -> new DockerBackend(hostEnv, new DefaultImage(defaultImage)).withPullCredentials(pullLogins);
            case "process" -> new ProcessBackend(hostEnv);
            default -> null;
        };
        if (backend != null) {
            // find the engine while the buildspec is read and checked
            Thread probe = new Thread(backend::probe, "kiln-engine-probe");
            probe.setDaemon(true);
            probe.start();
        }
        SourceChoice choice = SourceChoice.of(source, buildspec, sourceVersion, cloneDepth, submodules);
        String refused = choice.error();
        if (refused != null) {
            return invalid(refused);
        }
        Source chosenSource = Objects.requireNonNull(choice.source(), "a source choice without an error has a source");
        BuildspecSource chosenBuildspec =
                Objects.requireNonNull(choice.buildspec(), "a source choice without an error has a buildspec");
        List<SecondarySource> secondaries = secondaries();
        Optional<ComputeType> compute = ComputeType.parse(computeType);
        if (compute.isEmpty()) {
            return invalid("unknown compute type " + computeType + "; use one of " + ComputeType.names());
        }
        if (!(timeoutMinutes > 0) || timeoutMinutes > 2160) {
            return invalid("--timeout must be more than 0 and at most 2160 minutes");
        }
        for (String name : env.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return invalid("--env " + name + ": not a valid variable name");
            }
        }
        String projectName = project != null ? project : Objects.requireNonNull(choice.projectName());
        if (!projectName.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,254}")) {
            return invalid("project name '" + projectName + "' must start with a letter or digit and hold only"
                    + " letters, digits, - and _; pass --project NAME");
        }
        if (!artifactNamespace.equalsIgnoreCase("NONE") && !artifactNamespace.equalsIgnoreCase("BUILD_ID")) {
            return invalid("--artifact-namespace must be NONE or BUILD_ID");
        }
        if (backend == null) {
            return invalid("unknown backend " + backendName + "; use docker or process");
        }
        GitCredentials credentials = access.gitCredentials();
        SecretProvider secrets = access.secrets();
        List<String> certificates = access.certificates();
        LocalState state = LocalState.fromEnvironment(hostEnv);
        Optional<CacheSettings> cache = caches.settings(state, projectName, privileged, hostEnv);
        long number = state.nextBuildNumber(projectName);
        ArtifactStore store;
        try {
            store = artifacts == null
                    ? new LocalDirectoryArtifactStore(state.artifactsDirectory(projectName, number))
                    : ArtifactStores.fromLocation(location(artifacts), hostEnv);
        } catch (KitException e) {
            return invalid(Failures.message(e));
        }
        String region = hostEnv.getOrDefault("KILN_REGION", "us-east-1");
        BuildRequest request = new BuildRequest(
                projectName,
                number,
                chosenSource,
                secondaries,
                chosenBuildspec,
                image != null ? image : defaultImage,
                compute.get(),
                privileged,
                Map.of(),
                env,
                Duration.ofMillis(Math.round(timeoutMinutes * 60_000)),
                new ArtifactSettings(Optional.of(store), artifactNamespace.equalsIgnoreCase("BUILD_ID"), packaging),
                hostEnv.getOrDefault("USER", System.getProperty("user.name")),
                region,
                "000000000000",
                // JGit loads only when a git source is fetched: local builds start faster without it
                (git, into, listener) ->
                        new GitSourceFetcher(caches.sourceCache(state), credentials).fetch(git, into, listener),
                cache,
                secrets,
                certificates);
        PrintStream logStream = output == OutputFormat.JSON ? System.err : System.out;
        PrintStream logOut = new PrintStream(logStream, true, StandardCharsets.UTF_8);
        BuildLog log = new BuildLog(logOut::println, Clock.systemUTC());
        BuildIdentity identity = BuildIdentity.create(projectName, number, region, "000000000000");
        BuildRunner runner = new BuildRunner(
                backend, request, identity, log, Clock.systemUTC(), line -> System.err.println("kiln: " + line));
        Signals.onInterrupt(runner.control()::stop);
        LOG.debug("runner ready");
        Build build;
        try (backend) {
            build = runner.run();
        }
        LOG.debug("build finished");
        if (reportsDir != null && !build.reports().isEmpty()) {
            Files.createDirectories(reportsDir);
            for (Report report : build.reports()) {
                Files.writeString(
                        reportsDir.resolve(report.reportGroup().replaceAll("[^A-Za-z0-9_.-]", "_") + ".json"),
                        new ObjectMapper()
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(BuildJson.report(report)));
            }
        }
        if (output == OutputFormat.JSON) {
            System.out.println(
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(BuildJson.of(build)));
        } else {
            Summary.print(build, logOut);
        }
        return build.buildStatus().exitCode();
    }

    /** The secondary sources, each once. */
    private List<SecondarySource> secondaries() {
        List<SecondarySource> secondaries = new ArrayList<>();
        for (String spec : secondarySources) {
            SecondarySource secondary;
            try {
                secondary = SourceChoice.secondary(spec);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException(Failures.message(e));
            }
            if (secondaries.stream().anyMatch(s -> s.identifier().equals(secondary.identifier()))) {
                throw new InvalidOptionException("--secondary-source " + secondary.identifier() + " is given twice");
            }
            secondaries.add(secondary);
        }
        return secondaries;
    }

    static String location(String text) {
        return text.startsWith("s3://") ? text : Path.of(text).toAbsolutePath().toString();
    }

    static String projectNameOf(Path sourceDir) {
        Path name = sourceDir.getFileName();
        String raw = name == null ? "kiln" : name.toString();
        String cleaned = raw.replaceAll("[^A-Za-z0-9_-]", "-").replaceAll("^[-_]+", "");
        return cleaned.isEmpty() ? "kiln" : cleaned;
    }

    private static int invalid(String message) {
        System.err.println("kiln build: " + message);
        return KilnCli.EXIT_INVALID;
    }
}
