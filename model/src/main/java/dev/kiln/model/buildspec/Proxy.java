package dev.kiln.model.buildspec;

/**
 * The {@code proxy} section, for builds behind an explicit proxy.
 *
 * @param uploadArtifacts whether artifact upload may go through the proxy
 * @param logs whether logs may go through the proxy
 */
public record Proxy(boolean uploadArtifacts, boolean logs) {
    /** No proxy section. */
    public static final Proxy NONE = new Proxy(false, false);
}
