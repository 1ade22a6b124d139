package dev.kiln.orchestrator.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.JobState;
import dev.kiln.model.job.JobInput;
import dev.kiln.model.job.JobSpec;
import dev.kiln.model.pipeline.Action;
import dev.kiln.model.pipeline.ActionType;
import dev.kiln.model.pipeline.Pipeline;
import dev.kiln.orchestrator.run.Dispatch;
import dev.kiln.orchestrator.state.DeploymentRecord;
import dev.kiln.orchestrator.state.JobRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Dispatched actions made into jobs: what the agent is given, inputs resolved to keys in the object store. */
final class Jobs {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SOURCE_INPUT = "source";
    /** The environment a deploy job ships to, in its variables. */
    static final String ENVIRONMENT = "KILN_ENVIRONMENT";
    /** The deployment a rollback job runs (made before the job), in its variables. */
    static final String DEPLOYMENT = "KILN_DEPLOYMENT_ID";

    private Jobs() {}

    /**
     * The job for a dispatched action.
     *
     * @throws MissingInputException when an input artifact was not made by the action that names it as output
     */
    static JobRecord of(Dispatch dispatch, RunMeta run, Pipeline plan, Instant now) {
        Action action = plan.stage(dispatch.stage())
                .flatMap(s -> s.actions().stream()
                        .filter(a -> a.name().equals(dispatch.action()))
                        .findFirst())
                .orElseThrow();
        List<JobInput> inputs = new ArrayList<>();
        for (String input : action.inputs()) {
            String key = input.equals(SOURCE_INPUT) ? run.sourceKey() : run.outputs.get(input);
            if (key == null) {
                throw new MissingInputException("input artifact " + input + " was not made: the action naming it as"
                        + " output produced no artifacts (check its buildspec's artifacts section)");
            }
            inputs.add(new JobInput(input, key));
        }
        Map<String, String> env = new LinkedHashMap<>(plan.variables());
        env.put("KILN_PIPELINE", run.pipeline);
        env.put("KILN_REPOSITORY", run.repository);
        env.put("KILN_RUN_ID", run.id);
        env.put("KILN_STAGE", dispatch.stage());
        env.put("KILN_ACTION", dispatch.action());
        env.put("KILN_COMMIT", run.revision);
        action.environment().ifPresent(e -> env.put(ENVIRONMENT, e));
        run.ref.ifPresent(ref -> env.put(
                ref.startsWith("refs/tags/") ? "KILN_TAG" : "KILN_BRANCH",
                ref.replaceFirst("^refs/(heads|tags)/", "")));
        String id = UUID.randomUUID().toString();
        JobSpec spec = new JobSpec(
                id,
                run.id,
                run.pipeline,
                dispatch.stage(),
                dispatch.action(),
                action.type().name().toLowerCase(Locale.ROOT),
                dispatch.attempt(),
                run.revision,
                run.ref.orElse(""),
                run.pipelineFile.orElse(""),
                inputs,
                action.outputs(),
                "runs/" + run.id + "/" + dispatch.stage() + "/" + dispatch.action() + "/" + dispatch.attempt(),
                env,
                action.timeoutMinutes().orElse(60),
                0);
        return queued(
                id,
                run.id,
                dispatch.stage(),
                dispatch.action(),
                dispatch.attempt(),
                action.type() == ActionType.DEPLOY ? AgentKind.DEPLOY : AgentKind.BUILD,
                action.labels(),
                spec,
                now);
    }

    /** The job of a rollback, which belongs to no run: it deploys an earlier revision as {@code deployment}. */
    static JobRecord rollback(DeploymentRecord deployment, Instant now) {
        String id = UUID.randomUUID().toString();
        Map<String, String> env = Map.of(ENVIRONMENT, deployment.environment(), DEPLOYMENT, deployment.id());
        JobSpec spec = new JobSpec(
                id,
                "",
                deployment.application(),
                "rollback",
                deployment.environment(),
                ActionType.DEPLOY.fileName(),
                1,
                deployment.commit(),
                "",
                "",
                List.of(new JobInput("revision", deployment.revisionKey())),
                List.of(),
                "",
                env,
                60,
                0);
        return queued(id, "", "rollback", deployment.environment(), 1, AgentKind.DEPLOY, List.of(), spec, now);
    }

    private static JobRecord queued(
            String id,
            String runId,
            String stage,
            String action,
            int attempt,
            AgentKind kind,
            List<String> labels,
            JobSpec spec,
            Instant now) {
        return new JobRecord(
                id,
                runId,
                stage,
                action,
                attempt,
                kind,
                labels,
                json(spec),
                JobState.QUEUED,
                Optional.empty(),
                Optional.empty(),
                "",
                Map.of(),
                now,
                Optional.empty());
    }

    /** The environment a deploy job ships to, empty for other jobs. */
    static String environmentOf(JobRecord job) {
        if (job.kind() != AgentKind.DEPLOY) {
            return "";
        }
        return spec(job).environment().getOrDefault(ENVIRONMENT, "");
    }

    /** A job's spec as its record keeps it. */
    static String json(JobSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job spec cannot be written: " + e.getMessage(), e);
        }
    }

    /** A job's spec back from its JSON. */
    static JobSpec spec(JobRecord job) {
        try {
            return JSON.readValue(job.spec(), JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a saved job spec is not readable: " + e.getMessage(), e);
        }
    }

    /** The jobs to save with those of the leases made meanwhile. */
    static List<JobRecord> withLeases(List<JobRecord> jobs, List<JobBoard.Lease> leases) {
        List<JobRecord> all = new java.util.ArrayList<>(jobs);
        leases.forEach(l -> all.add(l.job()));
        return all;
    }
}
