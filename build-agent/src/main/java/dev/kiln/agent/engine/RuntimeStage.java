package dev.kiln.agent.engine;

import dev.kiln.agent.backend.DerivedImage;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.agent.backend.ProgressListener;
import dev.kiln.agent.runtime.RuntimeCatalog;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.buildspec.Buildspec;
import dev.kiln.model.buildspec.Phase;
import java.util.Map;
import java.util.Optional;

/**
 * {@code phases.install.runtime-versions}: on Kiln's default image the runtimes are resolved in DOWNLOAD_SOURCE,
 * before the source is copied, and the build moves to a derived image that has them (installed by the first build
 * that asked, reused by the rest). INSTALL then says what it got, or fails naming what is available. Other images
 * skip the selection, as CodeBuild does on custom images.
 */
final class RuntimeStage {
    private final ExecutionBackend backend;
    private final String image;
    private final BuildLog log;
    private final ProgressListener progress;
    private String installLine;
    private String failure;

    RuntimeStage(ExecutionBackend backend, String image, BuildLog log, ProgressListener progress) {
        this.backend = backend;
        this.image = image;
        this.log = log;
        this.progress = progress;
    }

    /**
     * Chooses the image the build should run in.
     *
     * @return a derived image to move to, or empty to stay
     * @throws dev.kiln.agent.AgentException when the derived image cannot be made
     */
    Optional<String> prepare(Buildspec buildspec) {
        Map<String, String> requested =
                buildspec.phase(PhaseType.INSTALL).map(Phase::runtimeVersions).orElse(Map.of());
        if (requested.isEmpty()) {
            return Optional.empty();
        }
        if (!backend.offersRuntimes(image)) {
            installLine = "Skipping install of runtimes. Runtime version selection is not supported by this build"
                    + " image: " + requested;
            return Optional.empty();
        }
        RuntimeCatalog.Selection selection = RuntimeCatalog.DEBIAN_12.select(requested);
        if (selection.error() != null) {
            failure = selection.error();
            return Optional.empty();
        }
        Optional<DerivedImage> derived = backend.withPackages(image, selection.packages(), progress);
        if (derived.isEmpty()) {
            installLine = "Skipping install of runtimes: this backend cannot make images";
            return Optional.empty();
        }
        log.container("Runtimes " + selection.describe() + ": image "
                + derived.get().reference()
                + (derived.get().builtNow() ? " (installed now; later builds reuse it)" : " (installed earlier)"));
        installLine = "Runtime versions: " + selection.describe() + " (" + String.join(" ", selection.packages()) + ")";
        return Optional.of(derived.get().reference());
    }

    /** At the start of INSTALL: what the runtimes are, or why INSTALL fails. */
    Optional<PhaseOutcome> install() {
        if (installLine != null) {
            log.container(installLine);
        }
        if (failure != null) {
            log.container("Unknown runtime version: " + failure);
            return Optional.of(PhaseOutcome.of(StatusType.FAILED, "CLIENT_ERROR", failure));
        }
        return Optional.empty();
    }
}
