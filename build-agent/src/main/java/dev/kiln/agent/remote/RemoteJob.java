package dev.kiln.agent.remote;

import dev.kiln.agent.backend.ComputeType;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.agent.cache.BuildCache;
import dev.kiln.agent.cache.CachePolicy;
import dev.kiln.agent.engine.ArtifactSettings;
import dev.kiln.agent.engine.BuildControl;
import dev.kiln.agent.engine.BuildIdentity;
import dev.kiln.agent.engine.BuildLog;
import dev.kiln.agent.engine.BuildRequest;
import dev.kiln.agent.engine.BuildRunner;
import dev.kiln.agent.engine.BuildspecSource;
import dev.kiln.agent.engine.CacheSettings;
import dev.kiln.agent.secret.SecretProvider;
import dev.kiln.agent.source.SecondarySource;
import dev.kiln.agent.source.Source;
import dev.kiln.agent.source.UnableToFetchSourceException;
import dev.kiln.kit.TempTrees;
import dev.kiln.kit.remote.AgentJob;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.build.Build;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.PhaseContext;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.job.JobInput;
import dev.kiln.model.job.JobObjects;
import dev.kiln.model.job.JobResult;
import dev.kiln.model.job.JobSpec;
import dev.kiln.model.pipeline.Action;
import dev.kiln.model.pipeline.ActionBuildspec;
import dev.kiln.model.pipeline.PipelineParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** One job run by the engine: inputs downloaded, the action's buildspec found, the build run, outputs reported. */
final class RemoteJob implements AgentJob {
    private static final com.fasterxml.jackson.databind.ObjectMapper REPORTS_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final JobSpec spec;
    private final ArtifactStore store;
    private final Supplier<ExecutionBackend> backends;
    private final AgentOptions options;
    private final BuildControl[] control = new BuildControl[1];
    private volatile boolean stopRequested;
    private Runnable started = () -> {};

    RemoteJob(JobSpec spec, ArtifactStore store, Supplier<ExecutionBackend> backends, AgentOptions options) {
        this.spec = spec;
        this.store = store;
        this.backends = backends;
        this.options = options;
    }

    /** What to do once the inputs are in and the build is about to start (tell the orchestrator). */
    @Override
    public void onStart(Runnable action) {
        this.started = action;
    }

    /** Stops the build (the run was stopped with abandon). */
    @Override
    public void stop() {
        stopRequested = true;
        synchronized (control) {
            if (control[0] != null) {
                control[0].stop();
            }
        }
    }

    /** Runs the job, its log lines to {@code lines}; never throws for a build that failed. */
    @Override
    public JobResult run(java.util.function.Consumer<String> lines) {
        Path work;
        try {
            work = Files.createTempDirectory("kiln-job");
        } catch (IOException e) {
            return fault("could not make a work directory on the agent: " + e.getMessage());
        }
        try {
            Action action = PipelineParser.parse(PipelineParser.FILE, spec.pipelineFile())
                    .pipeline()
                    .flatMap(p -> p.stage(spec.stage()))
                    .flatMap(s -> s.actions().stream()
                            .filter(a -> a.name().equals(spec.action()))
                            .findFirst())
                    .orElseThrow(() -> new IllegalStateException(
                            "the job's pipeline file has no action " + spec.stage() + "/" + spec.action()));
            List<Path> inputs = new ArrayList<>();
            for (JobInput input : spec.inputs()) {
                Path zip = work.resolve(input.name() + ".zip");
                try (InputStream in = store.get(input.key())) {
                    Files.copy(in, zip, StandardCopyOption.REPLACE_EXISTING);
                }
                inputs.add(zip);
            }
            CapturingStore outputs = new CapturingStore(store, spec.outputPrefix());
            BuildRequest request = request(action, inputs, outputs);
            ExecutionBackend backend = backends.get();
            started.run();
            BuildRunner runner = new BuildRunner(
                    backend,
                    request,
                    BuildIdentity.create(request.projectName(), request.buildNumber(), "us-east-1", "000000000000"),
                    new BuildLog(lines, Clock.systemUTC()),
                    Clock.systemUTC(),
                    line -> lines.accept("[Kiln] " + line));
            synchronized (control) {
                control[0] = runner.control();
            }
            if (stopRequested) {
                runner.control().stop();
            }
            Build build = runner.run(); // the backend is the agent's, kept for its next jobs
            if (!build.reports().isEmpty()) {
                Path reports = work.resolve(JobSpec.REPORTS);
                Files.write(reports, REPORTS_JSON.writeValueAsBytes(build.reports()));
                outputs.put(JobSpec.REPORTS, reports);
            }
            Map<String, String> made = new HashMap<>();
            if (!spec.outputs().isEmpty() && build.artifacts() != null) {
                outputs.keyOf(build.artifacts().location())
                        .ifPresent(key -> made.put(spec.outputs().get(0), key));
            }
            return new JobResult(build.buildStatus(), message(build), made, 0);
        } catch (IOException | RuntimeException e) {
            return fault("the agent could not run the job: " + e.getMessage());
        } finally {
            TempTrees.delete(work);
        }
    }

    private BuildRequest request(Action action, List<Path> inputs, ArtifactStore outputs) {
        Source primary = inputs.isEmpty()
                ? new Source.NoSource()
                : new Source.Zip(inputs.get(0).toString());
        List<SecondarySource> secondaries = new ArrayList<>();
        for (int i = 1; i < inputs.size(); i++) {
            secondaries.add(new SecondarySource(
                    spec.inputs().get(i).name().replaceAll("[^A-Za-z0-9_]", "_"),
                    new Source.Zip(inputs.get(i).toString())));
        }
        ActionBuildspec given = action.buildspec().orElse(new ActionBuildspec.InInput("buildspec.yml"));
        BuildspecSource buildspec = given instanceof ActionBuildspec.Inline inline
                ? new BuildspecSource.Compiled(
                        inline.buildspec(), PipelineParser.FILE + " (" + spec.stage() + "/" + spec.action() + ")")
                : new BuildspecSource.InSource(((ActionBuildspec.InInput) given).path());
        String project = (spec.pipeline() + "-" + spec.stage() + "-" + spec.action())
                .replaceAll("[^A-Za-z0-9_-]", "-")
                .replaceAll("^[-_]+", "");
        Optional<CacheSettings> cache = options.cacheStore()
                .map(caches ->
                        cacheSettings(spec, project, new BuildCache(caches, CachePolicy.DEFAULT, Clock.systemUTC())));
        return new BuildRequest(
                project.isEmpty() ? "kiln" : project,
                parseLong(spec.runId()),
                primary,
                secondaries,
                buildspec,
                action.image().orElse(options.defaultImage()),
                ComputeType.parse(action.computeType().orElse("BUILD_GENERAL1_SMALL"))
                        .orElseThrow(),
                action.privileged(),
                spec.environment(),
                Map.of(),
                Duration.ofMinutes(spec.timeoutMinutes()),
                new ArtifactSettings(Optional.of(outputs), false, ArtifactSettings.Packaging.ZIP),
                "kiln-run-" + spec.runId(),
                "us-east-1",
                "000000000000",
                (git, into, listener) -> {
                    throw new UnableToFetchSourceException("jobs get their sources as artifacts, not from git", null);
                },
                cache,
                SecretProvider.none(),
                options.certificates());
    }

    /**
     * Where a job's caches live: under its repository (the orchestrator's {@code KILN_REPOSITORY}), so that a
     * pipeline of another repository never reads or writes them, whatever it is named.
     */
    static CacheSettings cacheSettings(JobSpec spec, String project, BuildCache cache) {
        String repository = spec.environment().getOrDefault(JobObjects.REPOSITORY, "");
        return new CacheSettings(cache, JobObjects.cacheNamespace(repository, project), false, repository);
    }

    /** The failing phase's context, as CodePipeline shows a failed CodeBuild action. */
    static String message(Build build) {
        if (build.buildStatus() == StatusType.SUCCEEDED) {
            return "";
        }
        for (BuildPhase phase : build.phases()) {
            if (phase.phaseStatus() != null
                    && phase.phaseStatus() != StatusType.SUCCEEDED
                    && phase.contexts() != null) {
                for (PhaseContext context : phase.contexts()) {
                    if (!context.message().isBlank()) {
                        return "build " + build.buildStatus() + " in " + phase.phaseType() + ": " + context.message();
                    }
                }
            }
        }
        return "build " + build.buildStatus();
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static JobResult fault(String message) {
        return new JobResult(StatusType.FAULT, message, Map.of(), 0);
    }
}
