package dev.kiln.agent.testing;

import dev.kiln.agent.backend.ComputeType;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.agent.engine.ArtifactSettings;
import dev.kiln.agent.engine.BuildIdentity;
import dev.kiln.agent.engine.BuildLog;
import dev.kiln.agent.engine.BuildRequest;
import dev.kiln.agent.engine.BuildRunner;
import dev.kiln.agent.engine.BuildspecSource;
import dev.kiln.agent.engine.CacheSettings;
import dev.kiln.agent.secret.SecretProvider;
import dev.kiln.agent.source.GitSourceFetcher;
import dev.kiln.agent.source.SecondarySource;
import dev.kiln.agent.source.Source;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.LocalDirectoryArtifactStore;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.model.build.Build;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.buildspec.BuildspecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs one real build for a test: a buildspec text, files in a temporary source tree, and settings. */
public final class TestBuild {
    private final ExecutionBackend backend;
    private final Path source;
    private String buildspec = "";
    private String image = TestImages.BUSYBOX;
    private Duration timeout = Duration.ofMinutes(5);
    private final Map<String, String> projectEnv = new LinkedHashMap<>();
    private final Map<String, String> overrideEnv = new LinkedHashMap<>();
    private Path artifacts;
    private Consumer<BuildRunner> beforeRun = r -> {};
    private Consumer<String> onLine = l -> {};
    private SecretProvider secrets = SecretProvider.none();
    private ArtifactStore store;
    private Source.Git git;
    private CacheSettings cache;
    private boolean namespaceBuildId;
    private Source primary;
    private boolean privileged;
    private final List<String> certificates = new ArrayList<>();
    private final List<SecondarySource> secondaries = new ArrayList<>();
    private ArtifactSettings.Packaging packaging = ArtifactSettings.Packaging.ZIP;

    /** A build on {@code backend} with its source under {@code workDir}. */
    public TestBuild(ExecutionBackend backend, Path workDir) throws IOException {
        this.backend = backend;
        this.source = Files.createDirectories(workDir.resolve("src"));
        this.artifacts = workDir.resolve("artifacts");
    }

    /** The buildspec's text. */
    public TestBuild buildspec(String text) {
        this.buildspec = text;
        return this;
    }

    /** A file in the source tree. */
    public TestBuild file(String path, String content) throws IOException {
        Path p = source.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return this;
    }

    /** The image. */
    public TestBuild image(String image) {
        this.image = image;
        return this;
    }

    /** The timeout. */
    public TestBuild timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** A project variable. */
    public TestBuild projectEnv(String name, String value) {
        projectEnv.put(name, value);
        return this;
    }

    /** A start-time override. */
    public TestBuild overrideEnv(String name, String value) {
        overrideEnv.put(name, value);
        return this;
    }

    /** A git source instead of the local tree; its buildspec is read from the repository. */
    public TestBuild git(String url, Optional<String> version) {
        this.git = new Source.Git(url, version, Optional.empty(), false);
        return this;
    }

    /** Another primary source (a zip archive, NO_SOURCE); its buildspec is read from it. */
    public TestBuild primary(Source source) {
        this.primary = source;
        return this;
    }

    /** A secondary source. */
    public TestBuild secondary(String identifier, Source source) {
        secondaries.add(new SecondarySource(identifier, source));
        return this;
    }

    /** Put artifacts under the build's id. */
    public TestBuild namespaceBuildId() {
        this.namespaceBuildId = true;
        return this;
    }

    /** Keep the buildspec's cache here. */
    public TestBuild cache(CacheSettings cache) {
        this.cache = cache;
        return this;
    }

    /** A PEM certificate the build trusts. */
    public TestBuild certificate(String pem) {
        certificates.add(pem);
        return this;
    }

    /** Run the build container privileged. */
    public TestBuild privileged() {
        this.privileged = true;
        return this;
    }

    /** Store artifacts as files, not ZIPs. */
    public TestBuild packagingNone() {
        this.packaging = ArtifactSettings.Packaging.NONE;
        return this;
    }

    /** Where artifacts go (default: a local directory, {@link #artifacts()}). */
    public TestBuild store(ArtifactStore store) {
        this.store = store;
        return this;
    }

    /** Where secrets come from. */
    public TestBuild secrets(SecretProvider secrets) {
        this.secrets = secrets;
        return this;
    }

    /** Something to do with the runner before it runs (start a thread that stops it, say). */
    public TestBuild beforeRun(Consumer<BuildRunner> action) {
        this.beforeRun = action;
        return this;
    }

    /** Something to do with each log line as it is written (stop the build once it has started, say). */
    public TestBuild onLine(Consumer<String> action) {
        this.onLine = action;
        return this;
    }

    /** The artifacts directory. */
    public Path artifacts() {
        return artifacts;
    }

    /** Runs the build to its end. */
    public Result run() {
        BuildRequest request = new BuildRequest(
                "test-project",
                7,
                primary != null ? primary : git != null ? git : new Source.LocalDirectory(source),
                secondaries,
                git != null || (primary != null && !(primary instanceof Source.NoSource))
                        ? new BuildspecSource.InSource("buildspec.yml")
                        : new BuildspecSource.Compiled(
                                BuildspecParser.parse("buildspec.yml", buildspec)
                                        .orThrow(),
                                "buildspec.yml"),
                image,
                ComputeType.BUILD_GENERAL1_SMALL,
                privileged,
                projectEnv,
                overrideEnv,
                timeout,
                new ArtifactSettings(
                        Optional.of(store != null ? store : new LocalDirectoryArtifactStore(artifacts)),
                        namespaceBuildId,
                        packaging),
                "tester",
                "us-east-1",
                "000000000000",
                new GitSourceFetcher(),
                Optional.ofNullable(cache),
                secrets,
                certificates);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        BuildLog log = new BuildLog(
                line -> {
                    lines.add(line);
                    onLine.accept(line);
                },
                Clock.systemUTC());
        BuildRunner runner = new BuildRunner(
                backend,
                request,
                BuildIdentity.create("test-project", 7, "us-east-1", "000000000000"),
                log,
                Clock.systemUTC(),
                progress::add);
        beforeRun.accept(runner);
        Build build = runner.run();
        return new Result(build, List.copyOf(lines), List.copyOf(progress));
    }

    /**
     * A finished build and its log.
     *
     * @param build the Build object
     * @param log every log line
     * @param progress every progress line (image pulls and builds)
     */
    public record Result(Build build, List<String> log, List<String> progress) {

        /** Command output only: lines that are not the engine's own. */
        public List<String> output() {
            return log.stream().filter(l -> !l.startsWith("[Container] ")).toList();
        }

        /** The phase of a type, if it ran. */
        public Optional<BuildPhase> phase(PhaseType type) {
            return build.phases().stream().filter(p -> p.phaseType() == type).findFirst();
        }

        /** The phase types that ran, in order. */
        public List<PhaseType> phaseTypes() {
            return build.phases().stream().map(BuildPhase::phaseType).toList();
        }

        /** The log as one text. */
        public String text() {
            return String.join("\n", log);
        }
    }
}
