package dev.kiln.model.api;

import org.jspecify.annotations.Nullable;

/**
 * A decision on an approval that waits.
 *
 * @param stage the stage that holds the approval
 * @param approved true to approve, false to reject
 * @param comment a comment for the run's history
 */
public record ApprovalDecision(
        String stage, boolean approved, @Nullable String comment) {}
