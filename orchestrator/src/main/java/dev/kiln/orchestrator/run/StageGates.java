package dev.kiln.orchestrator.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Who holds each stage of a pipeline, who waits at its entrance, in order, and who entered it last. */
final class StageGates {
    private final Map<String, String> holders = new HashMap<>();
    private final Map<String, Deque<Run>> waiting = new HashMap<>();
    private final Map<String, String> lastEntered = new HashMap<>();

    Optional<String> holder(String stage) {
        return Optional.ofNullable(holders.get(stage));
    }

    void hold(String stage, String runId) {
        holders.put(stage, runId);
    }

    /** The runs waiting at a stage's entrance, first come first. */
    Deque<Run> queue(String stage) {
        return waiting.computeIfAbsent(stage, s -> new ArrayDeque<>());
    }

    void entered(String stage, String runId) {
        lastEntered.put(stage, runId);
    }

    Optional<String> lastEntered(String stage) {
        return Optional.ofNullable(lastEntered.get(stage));
    }

    Map<String, String> lastEntered() {
        return Map.copyOf(lastEntered);
    }

    void restoreEntered(Map<String, String> entries) {
        lastEntered.putAll(entries);
    }

    /** Frees a stage; answers the run first in line at its entrance, taken out of the line. */
    Optional<Run> release(String stage) {
        holders.remove(stage);
        Deque<Run> queue = waiting.get(stage);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.pollFirst());
    }
}
