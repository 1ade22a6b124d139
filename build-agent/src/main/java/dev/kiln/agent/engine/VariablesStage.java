package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.secret.SecretResolver;
import dev.kiln.kit.Failures;
import dev.kiln.kit.KitException;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.buildspec.Buildspec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * "Processing environment variables", in DOWNLOAD_SOURCE once the buildspec is read: checks the shell, resolves
 * secrets (masked from then on), exports the buildspec's variables into the build's shell and installs added
 * certificates the image does not have yet.
 */
final class VariablesStage {
    private final BuildRequest request;
    private final Buildspec buildspec;
    private final BuildEnvironment env;
    private final CommandRunner commands;
    private final BuildLog log;

    VariablesStage(
            BuildRequest request, Buildspec buildspec, BuildEnvironment env, CommandRunner commands, BuildLog log) {
        this.request = request;
        this.buildspec = buildspec;
        this.env = env;
        this.commands = commands;
        this.log = log;
    }

    /** {@code bash} when the buildspec's shell names it, else {@code sh}. */
    static String shellName(Buildspec buildspec) {
        return buildspec.env().shell().orElse("sh").contains("bash") ? "bash" : "sh";
    }

    /**
     * Applies it all.
     *
     * @param resolvedVersion the git source's commit, or null
     * @param certificatesInImage whether the image already trusts the added certificates
     * @param mask receives the resolved secret values, to mask them
     * @param running whether the build is still running (a stop makes commands fail without it being their fault)
     * @return why the phase fails, if it does
     */
    Optional<PhaseOutcome> apply(
            @Nullable String resolvedVersion,
            boolean certificatesInImage,
            Consumer<Collection<String>> mask,
            BooleanSupplier running) {
        log.container("Processing environment variables");
        if (buildspec.env().gitCredentialHelper()) {
            log.container("env.git-credential-helper is not supported yet; git uses the image's own configuration");
        }
        String shell = shellName(buildspec);
        if (commands.capture("command -v " + shell + " > /dev/null").isEmpty() && running.getAsBoolean()) {
            return Optional.of(PhaseOutcome.of(
                    StatusType.FAILED,
                    "CLIENT_ERROR",
                    "env.shell is " + shell + " but the image " + request.image() + " has no " + shell
                            + "; use sh or an image with " + shell));
        }
        Map<String, String> secrets;
        try {
            secrets = SecretResolver.resolve(buildspec.env(), request.secrets());
        } catch (KitException e) {
            return Optional.of(PhaseOutcome.of(StatusType.FAILED, e.statusCode(), Failures.message(e)));
        }
        mask.accept(secrets.values());
        Map<String, String> variables = new LinkedHashMap<>(BuildVariables.fromBuildspec(request, buildspec, secrets));
        if (resolvedVersion != null) {
            variables.put("CODEBUILD_RESOLVED_SOURCE_VERSION", resolvedVersion);
        }
        for (var secondary : request.secondarySources()) {
            variables.put(
                    "CODEBUILD_SRC_DIR_" + secondary.identifier(),
                    SourceStage.secondaryDirectory(env, secondary.identifier()));
        }
        if (!commands.setUp(BuildVariables.exportScript(variables)) && running.getAsBoolean()) {
            return Optional.of(
                    PhaseOutcome.of(StatusType.FAULT, "INTERNAL_ERROR", "cannot set the buildspec's variables"));
        }
        if (!certificatesInImage) {
            CertificateStage.install(request.certificates(), env, commands, log);
        }
        return Optional.empty();
    }
}
