package dev.kiln.agent.engine;

import dev.kiln.agent.backend.DerivedImage;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.agent.runtime.RuntimeCatalog;
import dev.kiln.kit.ProgressListener;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.buildspec.Buildspec;
import dev.kiln.model.buildspec.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code phases.install.runtime-versions}: on Kiln's default image the runtimes are resolved in DOWNLOAD_SOURCE,
 * before the source is copied, and the build moves to a derived image that has them (installed by the first build
 * that asked, reused by the rest), which also trusts the build's added certificates and, for a privileged build, has
 * the docker command. INSTALL then says what it got,
 * or fails naming what is available. Other images skip the selection, as CodeBuild does on custom images.
 */
final class RuntimeStage {
    /** Debian's package with the docker command, added to the default image for privileged builds. */
    static final String DOCKER_CLI = "docker.io";

    private final ExecutionBackend backend;
    private final String image;
    private final List<String> certificates;
    private final boolean privileged;
    private boolean certificatesInImage;
    private final BuildLog log;
    private final ProgressListener progress;
    private @Nullable String installLine;
    private @Nullable String failure;

    RuntimeStage(
            ExecutionBackend backend,
            String image,
            List<String> certificates,
            boolean privileged,
            BuildLog log,
            ProgressListener progress) {
        this.backend = backend;
        this.privileged = privileged;
        this.image = image;
        this.certificates = CertificateStage.split(certificates);
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
        if (!backend.offersRuntimes(image)) {
            if (!requested.isEmpty()) {
                installLine = "Skipping install of runtimes. Runtime version selection is not supported by this"
                        + " build image: " + requested;
            }
            return Optional.empty();
        }
        RuntimeCatalog.Selection selection = RuntimeCatalog.DEBIAN_12.select(requested);
        if (selection.error() != null) {
            failure = selection.error();
            selection = RuntimeCatalog.DEBIAN_12.select(Map.of());
        }
        List<String> packages = new ArrayList<>(selection.packages());
        if (privileged) {
            packages.add(DOCKER_CLI);
        }
        if (packages.isEmpty() && certificates.isEmpty()) {
            return Optional.empty();
        }
        Optional<DerivedImage> derived = backend.derive(image, packages, certificates, progress);
        if (derived.isEmpty()) {
            installLine = requested.isEmpty() ? null : "Skipping install of runtimes: this backend cannot make images";
            return Optional.empty();
        }
        certificatesInImage = true;
        List<String> parts = new ArrayList<>();
        if (!selection.runtimes().isEmpty()) {
            parts.add("Runtimes " + selection.describe());
        }
        if (privileged) {
            parts.add("the Docker CLI (privileged mode)");
        }
        if (!certificates.isEmpty()) {
            parts.add(certificates.size() + " added certificate(s)");
        }
        String what = String.join(" and ", parts);
        what = Character.toUpperCase(what.charAt(0)) + what.substring(1);
        log.container(what + ": image " + derived.get().reference()
                + (derived.get().builtNow() ? " (installed now; later builds reuse it)" : " (installed earlier)"));
        if (!selection.runtimes().isEmpty()) {
            installLine =
                    "Runtime versions: " + selection.describe() + " (" + String.join(" ", selection.packages()) + ")";
        }
        return Optional.of(derived.get().reference());
    }

    /** Whether the image chosen already trusts the build's added certificates. */
    boolean certificatesInImage() {
        return certificatesInImage;
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
