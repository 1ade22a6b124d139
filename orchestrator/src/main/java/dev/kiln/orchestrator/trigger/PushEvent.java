package dev.kiln.orchestrator.trigger;

import java.util.List;
import java.util.Optional;

/**
 * A push, whichever forge reported it.
 *
 * @param provider who sent it
 * @param repositoryUrls the URLs the forge gives for the repository (clone and web), to match a registered one
 * @param ref the full ref ({@code refs/heads/main}, {@code refs/tags/v1})
 * @param before the commit the ref pointed at before, all zeros for a new ref
 * @param after the pushed commit
 * @param changedPaths the paths the pushed commits touched, when the payload lists them; empty when it does not
 *     (Bitbucket), and they are then read from the repository
 */
public record PushEvent(
        WebhookProvider provider,
        List<String> repositoryUrls,
        String ref,
        String before,
        String after,
        Optional<List<String>> changedPaths) {

    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";

    public PushEvent {
        repositoryUrls = List.copyOf(repositoryUrls);
        changedPaths = changedPaths.map(List::copyOf);
    }

    /** The branch pushed, if the ref is one. */
    public Optional<String> branch() {
        return ref.startsWith(HEADS) ? Optional.of(ref.substring(HEADS.length())) : Optional.empty();
    }

    /** The tag pushed, if the ref is one. */
    public Optional<String> tag() {
        return ref.startsWith(TAGS) ? Optional.of(ref.substring(TAGS.length())) : Optional.empty();
    }

    /** Whether the push deleted the ref (nothing to run). */
    public boolean deletion() {
        return after.chars().allMatch(c -> c == '0');
    }
}
