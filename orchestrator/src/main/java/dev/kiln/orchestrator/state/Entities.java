package dev.kiln.orchestrator.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.Allowance;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.JobState;
import dev.kiln.model.api.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records to rows and back. */
final class Entities {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Entities() {}

    static RepositoryEntity entity(Repository repository) {
        RepositoryEntity e = new RepositoryEntity();
        e.name = repository.name();
        e.url = repository.url();
        e.branch = repository.branch().orElse(null);
        e.webhookSecret = repository.webhookSecret().orElse(null);
        e.pollIntervalSeconds = repository.pollIntervalSeconds();
        e.heads = json(repository.heads());
        e.createdAt = repository.createdAt();
        e.allowed = allowed(repository.allowed());
        e.credentials = repository.sealedCredentials().orElse(null);
        return e;
    }

    static Repository record(RepositoryEntity e) {
        return new Repository(
                e.name,
                e.url,
                Optional.ofNullable(e.branch),
                Optional.ofNullable(e.webhookSecret),
                e.pollIntervalSeconds,
                stringMap(e.heads),
                e.createdAt,
                allowed(e.allowed),
                Optional.ofNullable(e.credentials));
    }

    static String allowed(java.util.Set<Allowance> allowed) {
        return String.join(
                ",", allowed.stream().map(Allowance::wireName).sorted().toList());
    }

    static java.util.Set<Allowance> allowed(String text) {
        java.util.Set<Allowance> out = java.util.EnumSet.noneOf(Allowance.class);
        for (String name :
                java.util.regex.Pattern.compile(",").splitAsStream(text).toList()) {
            if (!name.isBlank()) {
                out.add(Allowance.of(name));
            }
        }
        return out;
    }

    static String json(Map<String, String> heads) {
        try {
            return JSON.writeValueAsString(heads);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> stringMap(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new StateUnavailableException("a repository's saved heads are not JSON: " + e.getMessage(), e);
        }
    }

    static RunEntity entity(RunRecord run) {
        RunEntity e = new RunEntity();
        e.id = run.id();
        e.seq = run.seq();
        e.pipeline = run.pipeline();
        e.repository = run.repository();
        e.triggerType = run.trigger().wireName();
        e.ref = run.ref().orElse(null);
        e.revision = run.revision();
        e.pipelineFile = run.pipelineFile().orElse(null);
        e.status = run.status().wireName();
        e.message = run.message();
        e.stageIndex = run.stageIndex();
        e.waiting = run.waiting();
        e.stopRequested = run.stopRequested();
        e.abandon = run.abandon();
        e.startTime = run.startTime();
        e.endTime = run.endTime().orElse(null);
        return e;
    }

    static List<Object> children(RunRecord run) {
        List<Object> rows = new ArrayList<>();
        for (int s = 0; s < run.stages().size(); s++) {
            RunRecord.StageRecord stage = run.stages().get(s);
            StageRunEntity st = new StageRunEntity();
            st.id = run.id() + "/" + s;
            st.runId = run.id();
            st.position = s;
            st.name = stage.name();
            st.status = stage.status().map(ExecutionStatus::wireName).orElse(null);
            rows.add(st);
            for (int a = 0; a < stage.actions().size(); a++) {
                RunRecord.ActionRecord action = stage.actions().get(a);
                ActionRunEntity ac = new ActionRunEntity();
                ac.id = run.id() + "/" + s + "/" + a;
                ac.runId = run.id();
                ac.stagePosition = s;
                ac.position = a;
                ac.name = action.name();
                ac.type = action.type();
                ac.status = action.status().map(ExecutionStatus::wireName).orElse(null);
                ac.message = action.message();
                ac.attempt = action.attempt();
                ac.deadline = action.deadline().orElse(null);
                ac.runOrder = action.runOrder();
                rows.add(ac);
            }
        }
        return rows;
    }

    static RunRecord record(RunEntity e, List<StageRunEntity> stageRows, List<ActionRunEntity> actionRows) {
        List<RunRecord.StageRecord> stages = new ArrayList<>();
        stageRows.stream()
                .sorted((x, y) -> Integer.compare(x.position, y.position))
                .forEach(st -> stages.add(new RunRecord.StageRecord(
                        st.name,
                        Optional.ofNullable(st.status).map(ExecutionStatus::of),
                        actionRows.stream()
                                .filter(a -> a.stagePosition == st.position)
                                .sorted((x, y) -> Integer.compare(x.position, y.position))
                                .map(a -> new RunRecord.ActionRecord(
                                        a.name,
                                        a.type,
                                        Optional.ofNullable(a.status).map(ExecutionStatus::of),
                                        a.message,
                                        a.attempt,
                                        Optional.ofNullable(a.deadline),
                                        a.runOrder))
                                .toList())));
        return new RunRecord(
                e.id,
                e.seq,
                e.pipeline,
                e.repository,
                Trigger.of(e.triggerType),
                Optional.ofNullable(e.ref),
                e.revision,
                Optional.ofNullable(e.pipelineFile),
                ExecutionStatus.of(e.status),
                e.message,
                e.stageIndex,
                e.waiting,
                e.stopRequested,
                e.abandon,
                e.startTime,
                Optional.ofNullable(e.endTime),
                stages);
    }

    static StatusChangeEntity entity(StatusChangeRecord change) {
        StatusChangeEntity e = new StatusChangeEntity();
        e.runId = change.runId();
        e.stage = change.stage().orElse(null);
        e.action = change.action().orElse(null);
        e.status = change.status().wireName();
        e.message = change.message();
        e.time = change.time();
        return e;
    }

    static StatusChangeRecord record(StatusChangeEntity e) {
        return new StatusChangeRecord(
                e.runId,
                Optional.ofNullable(e.stage),
                Optional.ofNullable(e.action),
                ExecutionStatus.of(e.status),
                e.message,
                e.time);
    }

    static JobEntity entity(JobRecord job) {
        JobEntity e = new JobEntity();
        e.id = job.id();
        e.runId = job.runId();
        e.stage = job.stage();
        e.action = job.action();
        e.attempt = job.attempt();
        e.kind = job.kind().wireName();
        e.labels = String.join(",", job.labels());
        e.spec = job.spec();
        e.state = job.state().wireName();
        e.agentId = job.agentId().orElse(null);
        e.agentToken = job.owner().orElse(null);
        e.message = job.message();
        e.outputs = json(job.outputs());
        e.createdAt = job.createdAt();
        e.endedAt = job.endedAt().orElse(null);
        return e;
    }

    static JobRecord record(JobEntity e) {
        return new JobRecord(
                e.id,
                e.runId,
                e.stage,
                e.action,
                e.attempt,
                AgentKind.of(e.kind),
                e.labels.isEmpty() ? List.of() : Arrays.asList(e.labels.split(",")),
                e.spec,
                JobState.of(e.state),
                Optional.ofNullable(e.agentId),
                Optional.ofNullable(e.agentToken),
                e.message,
                stringMap(e.outputs),
                e.createdAt,
                Optional.ofNullable(e.endedAt));
    }
}
