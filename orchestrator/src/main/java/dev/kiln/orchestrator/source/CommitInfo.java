package dev.kiln.orchestrator.source;

import java.time.Instant;

/**
 * What a commit says about itself.
 *
 * @param id the full commit id
 * @param title the first line of its message
 * @param author the author's name
 * @param time when it was authored
 */
public record CommitInfo(String id, String title, String author, Instant time) {}
