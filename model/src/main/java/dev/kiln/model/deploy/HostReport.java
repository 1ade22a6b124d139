package dev.kiln.model.deploy;

import dev.kiln.model.api.LifecycleStatus;
import java.util.List;

/**
 * How a deployment went on one host.
 *
 * @param host the host, {@code user@host[:port]}
 * @param status {@code Pending}, {@code InProgress}, {@code Succeeded}, {@code Failed} or {@code Skipped}
 * @param events each lifecycle event, in order
 * @param message why it failed or was skipped, or empty
 */
public record HostReport(String host, LifecycleStatus status, List<EventReport> events, String message) {
    public HostReport {
        events = List.copyOf(events);
    }
}
