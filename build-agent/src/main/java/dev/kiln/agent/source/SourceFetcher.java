package dev.kiln.agent.source;

import dev.kiln.kit.ProgressListener;
import java.nio.file.Path;

/** Fetches a repository's tree at a version into a directory. Thread-safe. */
public interface SourceFetcher {

    /**
     * Fetches {@code source} into {@code directory} (which must not exist or be empty).
     *
     * @return the resolved commit id, and what a source cache did
     * @throws UnableToFetchSourceException saying what could not be fetched and why (never a credential)
     */
    FetchedSource fetch(Source.Git source, Path directory, ProgressListener progress);
}
