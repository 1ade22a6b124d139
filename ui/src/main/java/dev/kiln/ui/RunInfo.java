package dev.kiln.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the Run page reads besides the run: each action's latest job (its agent and log) and how long each action
 * took, from the run's history of status changes.
 */
final class RunInfo {
    private final JsonNode run;
    private final Map<String, JsonNode> jobs = new HashMap<>();
    private final Map<String, String> agents = new HashMap<>();

    RunInfo(JsonNode run, JsonNode jobList, JsonNode agentList) {
        this.run = run;
        agentList.forEach(a -> agents.put(a.path("id").asText(), a.path("name").asText()));
        for (JsonNode job : jobList) {
            String key = key(job.path("stage").asText(), job.path("action").asText());
            JsonNode known = jobs.get(key);
            if (known == null
                    || known.path("attempt").asInt() <= job.path("attempt").asInt()) {
                jobs.put(key, job);
            }
        }
    }

    JsonNode run() {
        return run;
    }

    /** The action's latest job, if it has one (approvals and the source have none). */
    Optional<JsonNode> job(String stage, String action) {
        return Optional.ofNullable(jobs.get(key(stage, action)));
    }

    /** An agent's name while it is online, else the start of its id. */
    String agentName(String id) {
        return agents.getOrDefault(id, id.length() > 8 ? id.substring(0, 8) : id);
    }

    /**
     * How long the action's latest attempt took (or has taken so far): from its last {@code InProgress} to the
     * final status after it.
     */
    Optional<Duration> took(String stage, String action) {
        Instant started = null;
        Instant ended = null;
        for (JsonNode change : run.path("history")) {
            if (!stage.equals(change.path("stage").asText())
                    || !action.equals(change.path("action").asText())) {
                continue;
            }
            Instant time = instant(change.path("time"));
            if (change.path("status").asText().equals("InProgress")) {
                started = time;
                ended = null;
            } else if (started != null) {
                ended = time;
            }
        }
        if (started == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(started, ended == null ? Instant.now() : ended));
    }

    /** How long the run took, or has taken so far. */
    Duration took() {
        Instant start = instant(run.path("startTime"));
        Instant end = instant(run.path("endTime"));
        return start == null ? Duration.ZERO : Duration.between(start, end == null ? Instant.now() : end);
    }

    static Instant instant(JsonNode value) {
        return value.isTextual() && !value.asText().isEmpty() ? Instant.parse(value.asText()) : null;
    }

    private static String key(String stage, String action) {
        return stage + "\u0000" + action;
    }
}
