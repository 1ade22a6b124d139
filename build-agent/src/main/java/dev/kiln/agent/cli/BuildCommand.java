package dev.kiln.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.agent.AgentException;
import dev.kiln.agent.backend.ComputeType;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.agent.backend.docker.DefaultImage;
import dev.kiln.agent.backend.docker.DockerBackend;
import dev.kiln.agent.backend.docker.InvalidRegistryCredentialsException;
import dev.kiln.agent.backend.docker.RegistryCredentials;
import dev.kiln.agent.backend.process.ProcessBackend;
import dev.kiln.agent.cache.BuildCache;
import dev.kiln.agent.cache.CachePolicy;
import dev.kiln.agent.engine.ArtifactSettings;
import dev.kiln.agent.engine.BuildIdentity;
import dev.kiln.agent.engine.BuildLog;
import dev.kiln.agent.engine.BuildRequest;
import dev.kiln.agent.engine.BuildRunner;
import dev.kiln.agent.engine.CacheSettings;
import dev.kiln.agent.secret.InvalidSecretsFileException;
import dev.kiln.agent.secret.JsonFileSecretProvider;
import dev.kiln.agent.secret.SecretProvider;
import dev.kiln.agent.source.GitCredentials;
import dev.kiln.agent.source.GitSourceFetcher;
import dev.kiln.agent.source.InvalidCredentialsFileException;
import dev.kiln.agent.source.SecondarySource;
import dev.kiln.agent.store.ArtifactStore;
import dev.kiln.agent.store.ArtifactStores;
import dev.kiln.agent.store.LocalDirectoryArtifactStore;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
final class BuildCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BuildCommand.class);

    @Option(
            names = "--source",
            paramLabel = "DIR|GIT_URL",
            defaultValue = ".",
            description = "Source: a directory (default: .), a git repository (https, ssh, file:// or a"
                    + " repository's path with --source-version) or a zip archive (path or http(s) URL), fetched in"
                    + " DOWNLOAD_SOURCE; or NO_SOURCE with --buildspec FILE.")
    private String source;

    @Option(
            names = "--source-version",
            paramLabel = "VERSION",
            description = "For a git source: a branch, tag, commit id or pr/N (default: the default branch).")
    private String sourceVersion;

    @Option(names = "--git-clone-depth", paramLabel = "N", description = "For a git source: a shallow clone.")
    private Integer cloneDepth;

    @Option(names = "--git-submodules", description = "For a git source: fetch its submodules too.")
    private boolean submodules;

    @Option(
            names = "--secondary-source",
            paramLabel = "ID=LOCATION[@VERSION]",
            description = "A further source at $CODEBUILD_SRC_DIR_<ID>: a directory, git URL (@VERSION: branch, tag,"
                    + " commit or pr/N) or zip archive. Repeatable.")
    private List<String> secondarySources = new ArrayList<>();

    @Option(
            names = "--git-credentials",
            paramLabel = "FILE",
            description = "JSON object of URL prefixes or host names to logins ({\"token\": ...} or"
                    + " {\"username\": ..., \"password\": ...}) for git sources over https. Never logged.")
    private Path gitCredentialsFile;

    @Option(
            names = "--buildspec",
            paramLabel = "FILE",
            description = "Buildspec file (default: buildspec.yml in the source); a relative path is looked up in"
                    + " the current directory, then in the source.")
    private Path buildspec;

    @Option(
            names = "--image",
            paramLabel = "IMAGE",
            description = "Build image (default: $KILN_DEFAULT_IMAGE or " + DefaultImage.REFERENCE
                    + ", built locally from Debian packages on first use).")
    private String image;

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
    private String artifacts;

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
    private String computeType;

    @Option(
            names = "--image-pull-credentials",
            paramLabel = "FILE",
            description = "Logins for private registries: Docker's config.json, or a JSON object of registry hosts"
                    + " to {\"username\": ..., \"password\": ...} (default: ~/.docker/config.json, what docker"
                    + " login writes, if there is one).")
    private Path pullCredentialsFile;

    @Option(
            names = "--certificate",
            paramLabel = "FILE",
            description = "A PEM file of certificates the build trusts besides the image's own, such as a"
                    + " TLS-inspecting proxy's (CodeBuild's certificate). Repeatable.")
    private List<Path> certificateFiles = new ArrayList<>();

    @Option(names = "--privileged", description = "Run the build container privileged (for Docker builds).")
    private boolean privileged;

    @Option(
            names = "--backend",
            paramLabel = "NAME",
            defaultValue = "docker",
            description = "docker (default: Docker or Podman through the Docker Engine API) or process (host"
                    + " processes, not isolated).")
    private String backendName;

    @Option(
            names = "--secrets",
            paramLabel = "FILE",
            description = "JSON object of Parameter Store names and Secrets Manager ids to values, for the"
                    + " buildspec's env.parameter-store and env.secrets-manager. Values are masked in the log.")
    private Path secretsFile;

    @Option(
            names = "--artifact-namespace",
            paramLabel = "NONE|BUILD_ID",
            defaultValue = "NONE",
            description = "BUILD_ID puts artifacts under the build's id: <s3-prefix>/<build-id>/<name>.zip.")
    private String artifactNamespace;

    @Option(
            names = "--artifact-packaging",
            paramLabel = "ZIP|NONE",
            defaultValue = "ZIP",
            description = "ZIP (default): one archive per artifact; NONE: the files as they are, under a folder"
                    + " named after the artifact.")
    private ArtifactSettings.Packaging packaging;

    @Option(
            names = "--cache",
            paramLabel = "DIR|s3://BUCKET[/PREFIX]",
            description = "Where the buildspec's cache is kept between builds: a directory (default: in the data"
                    + " directory) or an S3-compatible bucket that agents on other machines share.")
    private String cacheLocation;

    @Option(
            names = "--cache-namespace",
            paramLabel = "NAME",
            description = "Where keyed cache entries (cache.key) live; projects that name the same namespace share"
                    + " keys (default: the project's name).")
    private String cacheNamespace;

    @Option(
            names = "--cache-max-size",
            paramLabel = "SIZE",
            defaultValue = "10g",
            description = "Evict the least recently used cache entries beyond this total (default: 10g).")
    private String cacheMaxSize;

    @Option(
            names = "--cache-max-age",
            paramLabel = "AGE",
            defaultValue = "30d",
            description = "Evict cache entries unused for this long: 30d, 12h, 90m (default: 30d).")
    private String cacheMaxAge;

    @Option(
            names = "--docker-layer-cache",
            description = "LOCAL_DOCKER_LAYER_CACHE: keep /var/lib/docker between this project's builds, for Docker"
                    + " builds inside the build (needs --privileged).")
    private boolean dockerLayerCache;

    @Option(
            names = "--no-cache",
            description = "Use no cache: neither the buildspec's cache nor the kept clones of git sources"
                    + " (LOCAL_SOURCE_CACHE, on by default).")
    private boolean noCache;

    @Option(
            names = "--reports",
            paramLabel = "DIR",
            description = "Write each test report of the buildspec's reports section as DIR/<group>.json.")
    private Path reportsDir;

    @Option(names = "--project", paramLabel = "NAME", description = "Project name (default: the source folder's).")
    private String project;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default), or json: the log goes to stderr and stdout holds only the final Build"
                    + " object, as BatchGetBuilds returns it.")
    private OutputFormat output;

    @Override
    public Integer call() throws IOException {
        LOG.debug("build command started");
        Map<String, String> hostEnv = System.getenv();
        String defaultImage = hostEnv.getOrDefault("KILN_DEFAULT_IMAGE", DefaultImage.REFERENCE);
        RegistryCredentials pullLogins;
        try {
            pullLogins = pullCredentialsFile != null
                    ? RegistryCredentials.read(pullCredentialsFile)
                    : RegistryCredentials.dockerLogin(Path.of(System.getProperty("user.home")));
        } catch (InvalidRegistryCredentialsException e) {
            return invalid(e.getMessage());
        }
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
        if (choice.error() != null) {
            return invalid(choice.error());
        }
        List<SecondarySource> secondaries = new ArrayList<>();
        for (String spec : secondarySources) {
            try {
                SecondarySource secondary = SourceChoice.secondary(spec);
                if (secondaries.stream().anyMatch(s -> s.identifier().equals(secondary.identifier()))) {
                    return invalid("--secondary-source " + secondary.identifier() + " is given twice");
                }
                secondaries.add(secondary);
            } catch (IllegalArgumentException e) {
                return invalid(e.getMessage());
            }
        }
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
        String projectName = project != null ? project : choice.projectName();
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
        GitCredentials credentials;
        try {
            credentials = gitCredentialsFile == null ? GitCredentials.none() : GitCredentials.read(gitCredentialsFile);
        } catch (InvalidCredentialsFileException e) {
            return invalid(e.getMessage());
        }
        SecretProvider secrets = SecretProvider.none();
        if (secretsFile != null) {
            try {
                secrets = JsonFileSecretProvider.read(secretsFile);
            } catch (InvalidSecretsFileException e) {
                return invalid(e.getMessage());
            }
        }
        if (dockerLayerCache && !privileged) {
            return invalid("--docker-layer-cache needs --privileged: only a privileged build runs Docker inside");
        }
        Optional<Long> maxSize = CachePolicy.parseSize(cacheMaxSize);
        Optional<Duration> maxAge = CachePolicy.parseAge(cacheMaxAge);
        if (maxSize.isEmpty()) {
            return invalid("--cache-max-size " + cacheMaxSize + ": use a size such as 500m, 10g or 1t");
        }
        if (maxAge.isEmpty()) {
            return invalid("--cache-max-age " + cacheMaxAge + ": use an age such as 30d, 12h or 90m");
        }
        if (cacheNamespace != null && !cacheNamespace.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
            return invalid("--cache-namespace must start with a letter or digit and hold only letters, digits,"
                    + " '.', '-' and '_'");
        }
        List<String> certificates = new ArrayList<>();
        for (Path file : certificateFiles) {
            String pem;
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                return invalid("--certificate " + file + ": cannot read it ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                return invalid("--certificate " + file + ": not a PEM certificate (no BEGIN CERTIFICATE line)");
            }
            certificates.add(pem.strip());
        }
        LocalState state = LocalState.fromEnvironment(hostEnv);
        Optional<CacheSettings> cache;
        try {
            cache = noCache
                    ? Optional.empty()
                    : Optional.of(new CacheSettings(
                            new BuildCache(
                                    ArtifactStores.fromLocation(
                                            cacheLocation == null
                                                    ? state.cacheDirectory().toString()
                                                    : location(cacheLocation),
                                            hostEnv),
                                    new CachePolicy(maxSize.get(), maxAge.get()),
                                    Clock.systemUTC()),
                            cacheNamespace != null ? cacheNamespace : projectName,
                            dockerLayerCache));
        } catch (AgentException e) {
            return invalid("--cache: " + e.getMessage());
        }
        long number = state.nextBuildNumber(projectName);
        ArtifactStore store;
        try {
            store = artifacts == null
                    ? new LocalDirectoryArtifactStore(state.artifactsDirectory(projectName, number))
                    : ArtifactStores.fromLocation(location(artifacts), hostEnv);
        } catch (AgentException e) {
            return invalid(e.getMessage());
        }
        String region = hostEnv.getOrDefault("KILN_REGION", "us-east-1");
        BuildRequest request = new BuildRequest(
                projectName,
                number,
                choice.source(),
                secondaries,
                choice.buildspec(),
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
                (git, into, listener) -> new GitSourceFetcher(
                                noCache ? Optional.empty() : Optional.of(state.sourceCacheDirectory()), credentials)
                        .fetch(git, into, listener),
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

    private static String location(String text) {
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
