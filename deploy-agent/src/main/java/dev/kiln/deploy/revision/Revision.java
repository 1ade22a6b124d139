package dev.kiln.deploy.revision;

import dev.kiln.model.appspec.AppSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A revision ready to ship.
 *
 * @param bundle the tar.gz sent to hosts
 * @param sha256 the bundle's sha256, hex
 * @param appSpec the appspec, when the revision has one (else it deploys the Capistrano way)
 * @param appSpecText the appspec's text, empty without one
 * @param entries every path in the revision, relative, each {@code true} for a folder
 */
public record Revision(
        Path bundle, String sha256, Optional<AppSpec> appSpec, String appSpecText, SortedMap<String, Boolean> entries) {
    public Revision {
        entries = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(entries));
    }
}
