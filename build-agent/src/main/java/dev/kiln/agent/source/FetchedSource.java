package dev.kiln.agent.source;

import java.util.Optional;

/**
 * What a fetch gave.
 *
 * @param commit the resolved commit id
 * @param cacheNote what the source cache did, for the build's log; empty without one
 */
public record FetchedSource(String commit, Optional<String> cacheNote) {}
