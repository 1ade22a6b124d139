package dev.kiln.agent.backend;

/**
 * An image made from another with more packages installed.
 *
 * @param reference its reference
 * @param builtNow whether it was built for this build (later builds reuse it)
 */
public record DerivedImage(String reference, boolean builtNow) {}
