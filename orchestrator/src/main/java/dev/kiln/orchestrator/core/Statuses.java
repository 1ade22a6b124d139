package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.run.Status;

/** Status words back to statuses. */
final class Statuses {
    private Statuses() {}

    static Status of(String wireName) {
        for (Status status : Status.values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("no status " + wireName);
    }
}
