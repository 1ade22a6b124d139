package dev.kiln.model.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A change to a registered repository ({@code PATCH /repositories/NAME}); what is absent stays as it is.
 *
 * @param allow what its pipelines are allowed beyond the default (replaces the list; empty allows nothing more)
 */
public record RepositoryChange(@Nullable List<Allowance> allow) {
    public RepositoryChange {
        allow = allow == null ? null : List.copyOf(allow);
    }
}
