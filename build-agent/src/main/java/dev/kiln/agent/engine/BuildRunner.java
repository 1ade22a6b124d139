package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.backend.EnvironmentSpec;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.kit.Failures;
import dev.kiln.kit.KitException;
import dev.kiln.kit.ProgressListener;
import dev.kiln.kit.SecretMasker;
import dev.kiln.model.build.Build;
import dev.kiln.model.build.PhaseContext;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.Report;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.buildspec.Buildspec;
import dev.kiln.model.buildspec.OnFailure;
import dev.kiln.model.buildspec.Phase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs one build through CodeBuild's phases on a backend and returns the finished {@link Build}. One instance per
 * build; {@link #run} once. {@link #control()} stops it from another thread.
 */
public final class BuildRunner {
    private static final PhaseType[] COMMAND_PHASES = {
        PhaseType.INSTALL, PhaseType.PRE_BUILD, PhaseType.BUILD, PhaseType.POST_BUILD
    };
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExecutionBackend backend;
    private final BuildRequest request;
    private final BuildIdentity identity;
    private final BuildLog log;
    private final Clock clock;
    private final ProgressListener progress;
    private final BuildControl control = new BuildControl();
    private final PhaseRecorder recorder;
    private StatusType status = StatusType.SUCCEEDED;
    private @Nullable BuildEnvironment env;
    private @Nullable CommandRunner commands;
    private List<Build.ExportedVariable> exported = List.of();
    private Build.@Nullable BuildArtifacts artifacts;
    private List<Report> reports = List.of();
    private SecretMasker masker = SecretMasker.none();
    private @Nullable String resolvedSourceVersion;
    private @Nullable Buildspec buildspec;
    private @Nullable Instant deadline;
    private @Nullable String memory;
    private @Nullable EnvironmentSpec spec;
    private @Nullable RuntimeStage runtimes;

    /** A runner for one build. */
    public BuildRunner(
            ExecutionBackend backend,
            BuildRequest request,
            BuildIdentity identity,
            BuildLog log,
            Clock clock,
            ProgressListener progress) {
        this.backend = backend;
        this.request = request;
        this.identity = identity;
        this.log = log;
        this.clock = clock;
        this.progress = progress;
        this.recorder = new PhaseRecorder(clock, log);
    }

    /** Stops the build from any thread. */
    public BuildControl control() {
        return control;
    }

    /** Runs the build to its end and returns it; never throws for a build that failed. */
    public Build run() {
        Instant start = clock.instant();
        recorder.instant(PhaseType.SUBMITTED, start);
        recorder.instant(PhaseType.QUEUED, clock.instant());
        deadline = start.plus(request.timeout());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiln-build-timeout");
            t.setDaemon(true);
            return t;
        });
        // the watchdog thread ends with the build (it is shut down below); the timer needs no handle
        ScheduledFuture<?> unused = watchdog.schedule(
                control::timeout, Math.max(1, request.timeout().toMillis()), TimeUnit.MILLISECONDS);
        try {
            if (provision(start) && downloadSource()) {
                boolean upload = commandPhases();
                exportVariables();
                collectReports();
                if (isRunning()) {
                    cacheStage()
                            .ifPresent(stage ->
                                    stage.save(buildspec().cache().orElseThrow(), status == StatusType.SUCCEEDED));
                }
                if (upload && isRunning()) {
                    uploadArtifacts();
                }
            }
        } catch (RuntimeException e) {
            // Never let a build end without a true state: the phase in progress ends FAULT with what broke.
            if (recorder.current() != null) {
                end(StatusType.FAULT, unexpected("running phase " + recorder.current(), e));
            } else {
                raise(StatusType.FAULT);
            }
        } finally {
            watchdog.shutdownNow();
            finalizing();
        }
        Instant end = recorder.complete();
        return new Build(
                identity.id(),
                identity.arn(),
                identity.buildNumber(),
                request.projectName(),
                start,
                end,
                PhaseType.COMPLETED,
                status,
                true,
                request.initiator(),
                request.source().version().orElse(null),
                resolvedSourceVersion,
                recorder.phases(),
                exported,
                artifacts,
                reports,
                new Build.BuildEnvironmentInfo(
                        backend.isolated() ? "LINUX_CONTAINER" : "LINUX_HOST_PROCESS",
                        request.image(),
                        request.computeType().name(),
                        request.privileged(),
                        backend.name()),
                request.timeout().toMillis() / 60000.0,
                Map.of("groupName", "/aws/codebuild/" + request.projectName(), "streamName", identity.uuid()));
    }

    private boolean provision(Instant start) {
        recorder.start(PhaseType.PROVISIONING);
        String srcDir = "/codebuild/output/src" + (100_000_000 + RANDOM.nextInt(900_000_000)) + "/src";
        maskSecrets(List.of());
        Map<String, String> variables = BuildVariables.of(request, identity, srcDir, start);
        try {
            String image = request.image();
            if (request.buildspec() instanceof BuildspecSource.Compiled compiled) {
                // known before the build starts: provision straight into the image with its runtimes
                runtimes = runtimeStage();
                image = runtimes().prepare(compiled.buildspec()).orElse(image);
            }
            boolean layers = request.privileged()
                    && request.cache().map(CacheSettings::dockerLayers).orElse(false);
            spec = new EnvironmentSpec(
                    identity.id(),
                    image,
                    request.computeType(),
                    request.privileged(),
                    srcDir,
                    variables,
                    layers ? Optional.of(request.projectName()) : Optional.empty());
            env = backend.provision(spec, progress);
            control.attach(env);
        } catch (KitException e) {
            return end(StatusType.FAULT, new PhaseContext(e.statusCode(), Failures.message(e)));
        } catch (RuntimeException e) {
            return end(StatusType.FAULT, unexpected("provisioning the build environment", e));
        }
        log.container("Running on Kiln, " + environment().description());
        spec().dockerLayerCache()
                .ifPresent(p -> log.container("LOCAL_DOCKER_LAYER_CACHE: /var/lib/docker is kept between this"
                        + " project's privileged builds"));
        if (!backend.isolated()) {
            log.container("Warning: the process backend is not isolated; commands run on this machine as "
                    + System.getProperty("user.name"));
        }
        memory = backend.isolated()
                ? request.computeType().name() + " allows "
                        + request.computeType().memoryBytes() / (1 << 20) + " MiB before capping to the host"
                : "host memory";
        return endUnlessStopped();
    }

    private boolean downloadSource() {
        recorder.start(PhaseType.DOWNLOAD_SOURCE);
        log.container("Waiting for agent ping");
        log.container("Waiting for DOWNLOAD_SOURCE");
        log.container("Phase is DOWNLOAD_SOURCE");
        log.container("CODEBUILD_SRC_DIR=" + environment().sourceDirectory());
        log.container("YAML location is " + request.buildspec().location());
        SourceStage.Result downloaded;
        try {
            downloaded = new SourceStage(request, this::environment, this::chooseImage, log, progress).download();
        } catch (KitException e) {
            StatusType status = "CLIENT_ERROR".equals(e.statusCode()) ? StatusType.FAILED : StatusType.FAULT;
            return end(status, new PhaseContext(e.statusCode(), Failures.message(e)));
        } catch (RuntimeException e) {
            return end(StatusType.FAULT, unexpected("downloading the source", e));
        }
        if (downloaded.failure() != null) {
            return end(downloaded.failure().status(), downloaded.failure().context());
        }
        buildspec = downloaded.buildspec();
        resolvedSourceVersion = downloaded.resolvedVersion();
        commands = new CommandRunner(
                environment(),
                log,
                control,
                clock,
                deadline(),
                VariablesStage.shellName(buildspec()),
                buildspec().version(),
                memory());
        Optional<PhaseOutcome> failed = new VariablesStage(request, buildspec(), environment(), commands(), log)
                .apply(resolvedSourceVersion, runtimes().certificatesInImage(), this::maskSecrets, this::isRunning);
        if (failed.isPresent()) {
            return end(failed.get().status(), failed.get().context());
        }
        cacheStage().ifPresent(stage -> stage.restore(buildspec().cache().orElseThrow()));
        log.container("Moving to directory " + environment().sourceDirectory());
        log.container("Phases found in YAML: " + buildspec().phases().size());
        for (Phase phase : buildspec().phases()) {
            log.container(" " + phase.type() + ": " + phase.commands().size() + " commands");
        }
        return endUnlessStopped();
    }

    /**
     * Once the buildspec is known and before the source is copied: moves the build to an image with its
     * {@code runtime-versions}, if it needs one.
     */
    private RuntimeStage runtimeStage() {
        return new RuntimeStage(backend, request.image(), request.certificates(), request.privileged(), log, progress);
    }

    private Optional<PhaseOutcome> chooseImage(Buildspec known) {
        if (runtimes != null) {
            return Optional.empty();
        }
        runtimes = runtimeStage();
        Optional<String> image;
        try {
            image = runtimes().prepare(known);
        } catch (KitException e) {
            return Optional.of(PhaseOutcome.of(StatusType.FAULT, e.statusCode(), Failures.message(e)));
        }
        if (image.isEmpty()) {
            return Optional.empty();
        }
        environment().close();
        spec = spec().withImage(image.get());
        env = backend.provision(spec, progress);
        control.attach(env);
        log.container("Running on Kiln, " + environment().description());
        return Optional.empty();
    }

    /** Masks resolved secrets and AWS secret keys passed in, in everything the build writes from now on. */
    private void maskSecrets(java.util.Collection<String> secrets) {
        masker = SecretMasker.forBuild(secrets, request.projectEnvironment(), request.overrideEnvironment());
        log.mask(masker);
        if (masker.tooShort() > 0) {
            log.container("Warning: " + masker.tooShort() + " secret value(s) shorter than " + SecretMasker.MIN_LENGTH
                    + " characters cannot be masked in the log");
        }
    }

    /** Runs INSTALL to POST_BUILD; returns whether UPLOAD_ARTIFACTS should be attempted. */
    private boolean commandPhases() {
        CommandPhaseRunner phases =
                new CommandPhaseRunner(commands(), log, buildspec().runAs(), runtimes());
        for (PhaseType type : COMMAND_PHASES) {
            if (!isRunning()) {
                return false;
            }
            Optional<Phase> phase = buildspec().phase(type);
            recorder.start(type);
            PhaseOutcome outcome = phases.run(type, phase);
            if (control.reason() != null) {
                // stopped or timed out meanwhile: a command the stop killed is not the user's failure
                endUnlessStopped();
                return false;
            }
            end(outcome.status(), outcome.context());
            if (outcome.isTerminal()) {
                return false;
            }
            if (!outcome.succeeded()) {
                commands().markFailing();
                OnFailure.Mode mode =
                        phase.flatMap(Phase::onFailure).map(OnFailure::mode).orElse(null);
                if (mode == OnFailure.Mode.ABORT) {
                    return false;
                }
                if (mode != OnFailure.Mode.CONTINUE && (type == PhaseType.INSTALL || type == PhaseType.PRE_BUILD)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void exportVariables() {
        if (commands != null && isRunning()) {
            exported = ExportStage.export(buildspec().env().exportedVariables(), commands, masker);
        }
    }

    private Optional<CacheStage> cacheStage() {
        if (buildspec == null
                || buildspec().cache().isEmpty()
                || request.cache().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new CacheStage(request.cache().get(), request.projectName(), environment(), commands(), log));
    }

    /** Reads every report group's files, after the command phases, also when the build failed. */
    private void collectReports() {
        if (buildspec != null && !buildspec().reports().isEmpty() && isRunning()) {
            reports = ReportStage.collect(buildspec().reports(), environment(), request.projectName(), masker, log);
        }
    }

    private void uploadArtifacts() {
        recorder.start(PhaseType.UPLOAD_ARTIFACTS);
        ArtifactStage stage = new ArtifactStage(
                environment(),
                commands(),
                log,
                request.artifacts(),
                request.artifacts().namespaceBuildId() ? identity.uuid() : null);
        PhaseOutcome outcome;
        try {
            outcome = stage.upload(buildspec().artifacts());
        } catch (RuntimeException e) {
            outcome = new PhaseOutcome(StatusType.FAULT, unexpected("uploading artifacts", e), "");
        }
        artifacts = stage.primary();
        end(outcome.status(), outcome.context());
    }

    /** A FAULT context for an error nobody anticipated: what Kiln was doing and what the error said. */
    private static PhaseContext unexpected(String doing, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return new PhaseContext("INTERNAL_ERROR", "Kiln failed while " + doing + ": " + message.strip());
    }

    private void finalizing() {
        recorder.start(PhaseType.FINALIZING);
        if (env != null) {
            try {
                environment().close();
            } catch (RuntimeException e) {
                log.container("Could not remove the build environment: " + e.getMessage());
            }
        }
        StatusType reason = control.reason();
        if (reason != null) {
            raise(reason);
        }
        recorder.end(StatusType.SUCCEEDED, PhaseContext.NONE);
    }

    private boolean isRunning() {
        return control.reason() == null && status != StatusType.FAULT;
    }

    private boolean endUnlessStopped() {
        StatusType reason = control.reason();
        if (reason != null) {
            return end(
                    reason,
                    new PhaseContext(
                            reason == StatusType.TIMED_OUT ? "BUILD_TIMED_OUT" : "BUILD_STOPPED",
                            reason == StatusType.TIMED_OUT ? "Build has timed out." : "Build was stopped."));
        }
        return end(StatusType.SUCCEEDED, PhaseContext.NONE);
    }

    /** Ends the current phase; returns whether it succeeded. */
    private boolean end(StatusType phaseStatus, PhaseContext context) {
        recorder.end(phaseStatus, new PhaseContext(context.statusCode(), masker.apply(context.message())));
        raise(phaseStatus);
        return phaseStatus == StatusType.SUCCEEDED;
    }

    private void raise(StatusType phaseStatus) {
        if (phaseStatus.precedence() > status.precedence()) {
            status = phaseStatus;
        }
    }

    // Set as the build goes: each read below comes after the phase that sets it (a build that failed before ends
    // without reaching the reads).
    private BuildEnvironment environment() {
        return Objects.requireNonNull(env, "the build's environment before PROVISIONING");
    }

    private CommandRunner commands() {
        return Objects.requireNonNull(commands, "the command runner before DOWNLOAD_SOURCE");
    }

    private Buildspec buildspec() {
        return Objects.requireNonNull(buildspec, "the buildspec before DOWNLOAD_SOURCE");
    }

    private Instant deadline() {
        return Objects.requireNonNull(deadline, "the deadline before the build started");
    }

    private String memory() {
        return Objects.requireNonNull(memory, "the memory before PROVISIONING");
    }

    private EnvironmentSpec spec() {
        return Objects.requireNonNull(spec, "the environment before PROVISIONING");
    }

    private RuntimeStage runtimes() {
        return Objects.requireNonNull(runtimes, "the runtimes before PROVISIONING");
    }
}
