package dev.kiln.agent.backend;

import dev.kiln.kit.ProgressListener;
import java.util.List;
import java.util.Optional;

/**
 * Provides fresh, isolated environments for builds. One instance per process; thread-safe.
 *
 * <p>Lifecycle: {@link #probe()} once, then per build {@link #provision} (PROVISIONING), and on the returned
 * environment {@code copySource} (DOWNLOAD_SOURCE), commands, {@code readTree} (UPLOAD_ARTIFACTS) and
 * {@code close} (FINALIZING). Every resource a backend creates is labelled with the build id so that orphans of a
 * crashed process can be found and removed with one query.
 */
public interface ExecutionBackend extends AutoCloseable {

    /** {@code docker} or {@code process}. */
    String name();

    /** Whether this backend can run builds here, and if not, why. Cheap after the first call. */
    Availability probe();

    /** Whether environments are isolated from the host (containers are; host processes are not). */
    boolean isolated();

    /**
     * Creates and starts a fresh environment for one build, with the shell driver running in it. Progress (image
     * pulls or builds) goes to {@code progress}.
     *
     * @throws dev.kiln.agent.AgentException a leaf that says what failed; the caller reports FAULT
     */
    BuildEnvironment provision(EnvironmentSpec spec, ProgressListener progress);

    /** Whether {@code image} offers {@code runtime-versions} (Kiln's default image does). */
    default boolean offersRuntimes(String image) {
        return false;
    }

    /**
     * {@code base} (a Debian-based image) with more packages and trusted certificates installed, for
     * {@code runtime-versions} and CodeBuild's certificate setting: made once and reused by every later build that
     * asks for the same.
     *
     * @param certificates PEM certificates, one each
     * @return the image to provision instead, or empty when this backend cannot make images
     * @throws dev.kiln.agent.AgentException a leaf that says what failed
     */
    default Optional<DerivedImage> derive(
            String base, List<String> packages, List<String> certificates, ProgressListener progress) {
        return Optional.empty();
    }

    /** Releases clients and connections. Environments are closed by their owners. */
    @Override
    void close();
}
