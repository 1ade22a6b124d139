package dev.kiln.model.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An environment as the API shows it: its settings (never its key or variables), what runs there now and its recent
 * deployments.
 *
 * @param name its name
 * @param id its id
 * @param settings its settings
 * @param createdAt when it was added
 * @param current the last deployment that succeeded there (the live revision), or null
 * @param deployments its recent deployments, newest first (in {@code show} only)
 */
public record Environment(
        String name,
        String id,
        EnvironmentSettings settings,
        Instant createdAt,
        @Nullable Deployment current,
        List<Deployment> deployments) {}
